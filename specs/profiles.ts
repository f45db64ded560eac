import type { Profile, ProfileInfo } from './types.js';

export const profiles: readonly ProfileInfo[] = [
  {
    name: 'public-client',
    summary:
      'authorization code + PKCE for public clients, refresh rotation; exact redirect matching including the port of loopback URIs',
  },
  {
    name: 'native-loopback',
    summary: 'as public-client, but loopback redirect ports may vary (RFC 8252 §7.3); never claimed with public-client',
  },
  { name: 'confidential', summary: 'a confidential client with client_secret and the client_credentials grant' },
  {
    name: 'users-api',
    summary: 'the users-API token endpoint: client_credentials with HTTP Basic only, scope openid, expires_in 900, no refresh token',
  },
  { name: 'registration', summary: 'the application registration API' },
  { name: 'desktop', summary: 'the desktop-app authorization channel' },
];

/** Profiles that a target may not claim together. */
export const exclusiveProfiles: readonly (readonly [Profile, Profile])[] = [['public-client', 'native-loopback']];

/** The profiles whose targets run the authorization-code flow for a public client. */
export const CODE_FLOW: readonly Profile[] = ['public-client', 'native-loopback'];
/** Every profile that has a token endpoint. */
export const TOKEN_ENDPOINT: readonly Profile[] = ['public-client', 'native-loopback', 'confidential', 'users-api'];
