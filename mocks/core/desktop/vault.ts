/**
 * The desktop app's account data: accounts (name as shown in the app, UUID), vaults, and items
 * with fields. Loaded from the `desktop` section of the mock config, or the demo data.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { DesktopError } from './errors.js';

export interface ItemField {
  id: string;
  title: string;
  fieldType: string;
  value: string;
}

export interface Item {
  id: string;
  title: string;
  category: string;
  fields: ItemField[];
  notes: string;
}

export interface Vault {
  id: string;
  title: string;
  description: string;
  items: Item[];
}

export interface Account {
  /** UUID, as the SDK's `DesktopAuth(accountUuid)` accepts. */
  id: string;
  /** The name shown at the top of the app's sidebar. */
  name: string;
  /** The sign-in address (`acme.example.com`), as the CLI's `--account` names an account; may be absent. */
  signInAddress: string | null;
  vaults: Vault[];
}

/** Input shapes (config / control plane): ids and types optional. */
export interface FieldInput { id?: string; title: string; value: string; type?: string }
export interface ItemInput { id?: string; title: string; category?: string; fields?: FieldInput[]; notes?: string }
export interface VaultInput { id?: string; title: string; description?: string; items?: ItemInput[] }
export interface AccountInput { id?: string; name: string; sign_in_address?: string; vaults?: VaultInput[] }

/** A desktop config, account, vault or item that does not hold together; on the wire, InvalidRequest. */
export class DesktopConfigError extends DesktopError {
  constructor(message: string) {
    super('InvalidRequest', message);
  }
}

export const DEMO_ACCOUNT_ID = '3f0d2a6e-8c1b-4f7a-9d2e-5b6c7a8d9e01';
export const WORK_ACCOUNT_ID = '7b4e1c9a-2d3f-4a5b-8c6d-0e1f2a3b4c02';

/** Demo data served when the config names no accounts (documented in the README). */
export const DEMO_ACCOUNTS: AccountInput[] = [
  {
    id: DEMO_ACCOUNT_ID,
    name: 'Demo Account',
    sign_in_address: 'acme.example.com',
    vaults: [
      {
        id: 'privatevaultdemo0000000001',
        title: 'Private',
        description: 'Personal items of the demo user',
        items: [
          {
            id: 'githubitemdemo00000000001',
            title: 'GitHub',
            category: 'Login',
            fields: [
              { id: 'username', title: 'username', value: 'demo-user', type: 'Text' },
              { id: 'password', title: 'password', value: 'demo-github-password', type: 'Concealed' },
            ],
          },
          {
            id: 'awsitemdemo000000000000001',
            title: 'AWS',
            category: 'ApiCredentials',
            fields: [
              { id: 'access_key_id', title: 'access key id', value: 'AKIADEMO0000EXAMPLE', type: 'Text' },
              { id: 'credential', title: 'secret access key', value: 'demo-aws-secret-access-key', type: 'Concealed' },
            ],
          },
        ],
      },
      {
        id: 'sharedvaultdemo00000000001',
        title: 'Shared',
        description: 'Items shared with the team',
        items: [
          {
            id: 'dbitemdemo0000000000000001',
            title: 'Database',
            category: 'Database',
            fields: [
              { id: 'username', title: 'username', value: 'app', type: 'Text' },
              { id: 'password', title: 'password', value: 'demo-database-password', type: 'Concealed' },
            ],
          },
        ],
      },
    ],
  },
  {
    id: WORK_ACCOUNT_ID,
    name: 'Work Account',
    sign_in_address: 'work.example.com',
    vaults: [
      {
        id: 'privatevaultwork0000000001',
        title: 'Private',
        items: [
          {
            id: 'githubitemwork00000000001',
            title: 'GitHub',
            category: 'Login',
            fields: [
              { id: 'username', title: 'username', value: 'work-user', type: 'Text' },
              { id: 'password', title: 'password', value: 'work-github-password', type: 'Concealed' },
            ],
          },
        ],
      },
      { id: 'sharedvaultwork00000000001', title: 'Shared', items: [] },
    ],
  },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 1Password-style object id: 26 lowercase base32 characters. */
export function newObjectId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...randomBytes(26)].map((b) => alphabet[b & 31]).join('');
}

function text(value: unknown, where: string, optional = false): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) {
    throw new DesktopConfigError(`${where} must be a non-empty string of at most 1000 characters`);
  }
  return value;
}

function list(value: unknown, where: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new DesktopConfigError(`${where} must be an array`);
  return value;
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DesktopConfigError(`${where} must be an object`);
  }
  return value as Record<string, unknown>;
}

export function buildField(input: unknown, where: string): ItemField {
  const f = record(input, where);
  const title = text(f.title, `${where}.title`)!;
  return {
    id: text(f.id, `${where}.id`, true) ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
    title,
    fieldType: text(f.type, `${where}.type`, true) ?? 'Text',
    value: typeof f.value === 'string' ? f.value : (() => { throw new DesktopConfigError(`${where}.value must be a string`); })(),
  };
}

export function buildItem(input: unknown, where: string): Item {
  const i = record(input, where);
  return {
    id: text(i.id, `${where}.id`, true) ?? newObjectId(),
    title: text(i.title, `${where}.title`)!,
    category: text(i.category, `${where}.category`, true) ?? 'Login',
    notes: typeof i.notes === 'string' ? i.notes : '',
    fields: list(i.fields, `${where}.fields`).map((f, n) => buildField(f, `${where}.fields[${n}]`)),
  };
}

export function buildVault(input: unknown, where: string): Vault {
  const v = record(input, where);
  return {
    id: text(v.id, `${where}.id`, true) ?? newObjectId(),
    title: text(v.title, `${where}.title`)!,
    description: typeof v.description === 'string' ? v.description : '',
    items: list(v.items, `${where}.items`).map((i, n) => buildItem(i, `${where}.items[${n}]`)),
  };
}

export function buildAccount(input: unknown, where: string): Account {
  const a = record(input, where);
  const id = text(a.id, `${where}.id`, true) ?? randomUUID();
  if (!UUID.test(id)) throw new DesktopConfigError(`${where}.id must be a UUID (got ${JSON.stringify(id)})`);
  const address = text(a.sign_in_address, `${where}.sign_in_address`, true);
  if (address !== undefined && !HOST.test(signInHost(address))) {
    throw new DesktopConfigError(`${where}.sign_in_address must be a host name such as "acme.example.com" (got ${JSON.stringify(address)})`);
  }
  return {
    id: id.toLowerCase(),
    name: text(a.name, `${where}.name`)!,
    signInAddress: address === undefined ? null : signInHost(address),
    vaults: list(a.vaults, `${where}.vaults`).map((v, n) => buildVault(v, `${where}.vaults[${n}]`)),
  };
}

export function buildAccounts(input: unknown, where = 'desktop.accounts'): Account[] {
  const accounts = list(input, where).map((a, n) => buildAccount(a, `${where}[${n}]`));
  const seen = new Set<string>();
  for (const a of accounts) {
    for (const key of [a.id, `name:${a.name}`, ...(a.signInAddress ? [`address:${a.signInAddress}`] : [])]) {
      const kind = key.startsWith('name:') ? 'the name' : key.startsWith('address:') ? 'the sign-in address' : 'the id';
      if (seen.has(key)) throw new DesktopConfigError(`${where}: two accounts share ${kind} ${JSON.stringify(key.replace(/^(name|address):/, ''))}`);
      seen.add(key);
    }
  }
  return accounts;
}

const HOST = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** `https://Acme.Example.com/` and `acme.example.com` name the same sign-in address. */
export const signInHost = (address: string): string => address.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');

/**
 * DSK-7: an account is named as shown in the app, by its UUID, or (as the CLI's `--account`
 * does) by its sign-in address. The name wins over an address that happens to equal it.
 */
export function findAccount(accounts: readonly Account[], nameOrId: string): Account | undefined {
  if (UUID.test(nameOrId)) {
    const id = nameOrId.toLowerCase();
    const byId = accounts.find((a) => a.id === id);
    if (byId) return byId;
  }
  const byName = accounts.find((a) => a.name === nameOrId);
  if (byName) return byName;
  const host = signInHost(nameOrId);
  return accounts.find((a) => a.signInAddress !== null && a.signInAddress === host);
}

/** What an unknown account is told: how to name one, and nothing about the accounts there are. */
export function accountNotFound(key: string): DesktopError {
  const shown = key.length > 80 ? `${key.slice(0, 77)}...` : key;
  return new DesktopError('AccountNotFound', `no account signed in to the desktop app is named ${JSON.stringify(shown)}; name it as shown at the top of the app's sidebar, by its UUID, or by its sign-in address (e.g. acme.example.com)`);
}

/** Objects are named by id (exact) or title (case-insensitive), as `op://` references allow. */
export function matchByIdOrTitle<T extends { id: string; title: string }>(all: readonly T[], key: string): T[] {
  const byId = all.filter((x) => x.id === key);
  if (byId.length > 0) return byId;
  const lower = key.toLowerCase();
  return all.filter((x) => x.title.toLowerCase() === lower);
}

// --- what the control plane adds to a running app ---------------------------------------------

export function addAccount(accounts: Account[], input: unknown): Account {
  const account = buildAccount(input, 'account');
  if (findAccount(accounts, account.id) || accounts.some((a) => a.name === account.name || (account.signInAddress !== null && a.signInAddress === account.signInAddress))) {
    throw new DesktopError('InvalidRequest', `an account with the id ${account.id}, the name ${JSON.stringify(account.name)} or its sign-in address exists already`);
  }
  accounts.push(account);
  return account;
}

function accountOf(accounts: readonly Account[], key: string): Account {
  const a = findAccount(accounts, key);
  if (!a) throw accountNotFound(key);
  return a;
}

export function addVault(accounts: readonly Account[], accountKey: string, input: unknown): Vault {
  const account = accountOf(accounts, accountKey);
  const vault = buildVault(input, 'vault');
  account.vaults.push(vault);
  return vault;
}

export function addItem(accounts: readonly Account[], accountKey: string, vaultKey: string, input: unknown): Item {
  const account = accountOf(accounts, accountKey);
  const vaults = matchByIdOrTitle(account.vaults, vaultKey);
  if (vaults.length !== 1) throw new DesktopError('vaultNotFound', `account ${JSON.stringify(account.name)} has ${vaults.length === 0 ? 'no vault' : 'several vaults'} with the id or name ${JSON.stringify(vaultKey)}`);
  const item = buildItem(input, 'item');
  vaults[0]!.items.push(item);
  return item;
}
