/** The demo data `authprobe serve` starts with when no --config is given (documented in README). */
import { DEFAULT_LIFETIMES, DEFAULT_USERS, type MockConfig } from './config.js';

const SCOPES = ['openid', 'profile', 'email', 'offline_access'];

export const demoConfig: MockConfig = {
  clients: [
    {
      client_id: 'demo-public',
      client_type: 'public',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1:8765/callback', 'https://app.example.com/callback'],
      allowed_scopes: SCOPES,
      grant_types: ['authorization_code', 'refresh_token'],
      status: 'active',
      name: 'Demo public client',
    },
    {
      client_id: 'demo-public-2',
      client_type: 'public',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['https://app2.example.com/callback'],
      allowed_scopes: SCOPES,
      grant_types: ['authorization_code', 'refresh_token'],
      status: 'active',
      name: 'Second demo public client',
    },
    {
      client_id: 'demo-confidential',
      client_type: 'confidential',
      client_secret: 'demo-confidential-secret',
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: ['https://confidential.example.com/callback'],
      allowed_scopes: [...SCOPES, 'api'],
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      status: 'active',
      name: 'Demo confidential client',
    },
    {
      client_id: 'demo-users-api',
      client_type: 'confidential',
      client_secret: 'demo-users-api-secret',
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: [],
      allowed_scopes: ['openid'],
      grant_types: ['client_credentials'],
      status: 'active',
      name: 'Demo users-API client',
    },
    {
      client_id: 'demo-inactive',
      client_type: 'confidential',
      client_secret: 'demo-inactive-secret',
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: [],
      allowed_scopes: ['openid'],
      grant_types: ['client_credentials'],
      status: 'inactive',
      name: 'Demo inactive client',
    },
  ],
  registrationToken: 'demo-registration-token',
  lifetimes: { ...DEFAULT_LIFETIMES },
  accessTokenFormat: 'jwt',
  loopbackPorts: 'strict',
  users: DEFAULT_USERS,
};
