/**
 * The SDK methods the channel serves over one account: vaults, items (read and write) and
 * `op://` secret references, which read the items as they are now. Other method names answer
 * `UnsupportedMethod`.
 */
import { DesktopError, invalidRequest } from './errors.js';
import { itemCreate, itemDelete, itemPut } from './item-writes.js';
import { matchByIdOrTitle, type Account, type Item, type ItemField, type Vault } from './vault.js';

export const SUPPORTED_METHODS = [
  'VaultsList', 'VaultsGet', 'ItemsList', 'ItemsGet', 'ItemsCreate', 'ItemsPut', 'ItemsDelete', 'SecretsResolve', 'SecretsResolveAll',
] as const;
export type DesktopMethod = (typeof SUPPORTED_METHODS)[number];

export function isSupportedMethod(name: string): name is DesktopMethod {
  return (SUPPORTED_METHODS as readonly string[]).includes(name);
}

function param(parameters: Record<string, unknown>, key: string, method: string): string {
  const v = parameters[key];
  if (typeof v !== 'string' || v.length === 0) {
    throw invalidRequest(`${method} needs the parameter "${key}" (a non-empty string)`);
  }
  return v;
}

export function one<T extends { id: string; title: string }>(
  all: readonly T[], key: string, kind: 'vault' | 'item',
): T {
  const found = matchByIdOrTitle(all, key);
  if (found.length === 0) throw new DesktopError(kind === 'vault' ? 'vaultNotFound' : 'itemNotFound', `no ${kind} has the id or name ${JSON.stringify(key)}`);
  if (found.length > 1) throw new DesktopError(kind === 'vault' ? 'tooManyVaults' : 'tooManyItems', `${found.length} ${kind}s are named ${JSON.stringify(key)}; use the ${kind} id`);
  return found[0]!;
}

const vaultOverview = (v: Vault) => ({ id: v.id, title: v.title });
export const itemView = (vault: Vault, i: Item) => ({ ...itemOverview(vault, i), fields: i.fields.map(fieldView), notes: i.notes });
const itemOverview = (vault: Vault, i: Item) => ({ id: i.id, title: i.title, category: i.category, vaultId: vault.id });
const fieldView = (f: ItemField) => ({ id: f.id, title: f.title, fieldType: f.fieldType, value: f.value });

export interface SecretReference { vault: string; item: string; section: string | null; field: string }

/** `op://vault/item/[section/]field`; each part is a name or an id. */
export function parseSecretReference(ref: string): SecretReference {
  const bad = (why: string) => new DesktopError('invalidSecretReference', `${JSON.stringify(ref)} is not a secret reference: ${why}; expected op://vault/item/field or op://vault/item/section/field`);
  if (!ref.startsWith('op://')) throw bad('it must start with op://');
  const path = ref.slice('op://'.length).split('?')[0]!;
  const parts = path.split('/').map((p) => { try { return decodeURIComponent(p); } catch { return p; } });
  if (parts.length !== 3 && parts.length !== 4) throw bad(`it has ${parts.length} path segments`);
  if (parts.some((p) => p.length === 0)) throw bad('a segment is empty');
  const [vault, item] = parts as [string, string];
  return parts.length === 3
    ? { vault, item, section: null, field: parts[2]! }
    : { vault, item, section: parts[2]!, field: parts[3]! };
}

export function resolveSecretReference(account: Account, ref: string): { secret: string; itemId: string; vaultId: string } {
  const parsed = parseSecretReference(ref);
  const vault = one(account.vaults, parsed.vault, 'vault');
  const item = one(vault.items, parsed.item, 'item');
  // Items of this model have no sections: a reference naming one finds no field.
  const fields = parsed.section === null ? matchByIdOrTitle(item.fields, parsed.field) : [];
  if (fields.length === 0) throw new DesktopError('fieldNotFound', `item ${JSON.stringify(item.title)} has no field ${JSON.stringify(parsed.section ? `${parsed.section}/${parsed.field}` : parsed.field)}`);
  if (fields.length > 1) throw new DesktopError('tooManyMatchingFields', `${fields.length} fields of ${JSON.stringify(item.title)} are named ${JSON.stringify(parsed.field)}; use the field id`);
  return { secret: fields[0]!.value, itemId: item.id, vaultId: vault.id };
}

/** Runs one method over one account. Throws `DesktopError` for every refusal. */
export function runMethod(account: Account, name: string, parameters: Record<string, unknown>): unknown {
  switch (name) {
    case 'VaultsList':
      return account.vaults.map(vaultOverview);
    case 'VaultsGet': {
      const v = one(account.vaults, param(parameters, 'vault_id', name), 'vault');
      return { ...vaultOverview(v), description: v.description, itemCount: v.items.length };
    }
    case 'ItemsList': {
      const v = one(account.vaults, param(parameters, 'vault_id', name), 'vault');
      return v.items.map((i) => itemOverview(v, i));
    }
    case 'ItemsGet': {
      const v = one(account.vaults, param(parameters, 'vault_id', name), 'vault');
      const i = one(v.items, param(parameters, 'item_id', name), 'item');
      return itemView(v, i);
    }
    case 'ItemsCreate':
      return itemCreate(account, parameters.params);
    case 'ItemsPut':
      return itemPut(account, parameters.item);
    case 'ItemsDelete': {
      itemDelete(account, param(parameters, 'vault_id', name), param(parameters, 'item_id', name));
      return null;
    }
    case 'SecretsResolve':
      return resolveSecretReference(account, param(parameters, 'secret_reference', name)).secret;
    case 'SecretsResolveAll': {
      const refs = parameters.secret_references;
      if (!Array.isArray(refs) || refs.length === 0 || refs.length > 100 || !refs.every((r) => typeof r === 'string')) {
        throw invalidRequest('SecretsResolveAll needs "secret_references": an array of 1 to 100 strings');
      }
      const individualResponses: Record<string, unknown> = {};
      for (const ref of refs as string[]) {
        try {
          individualResponses[ref] = { content: resolveSecretReference(account, ref) };
        } catch (e) {
          if (!(e instanceof DesktopError)) throw e;
          individualResponses[ref] = { error: { type: e.name, message: e.message } };
        }
      }
      return { individualResponses };
    }
    default:
      throw new DesktopError(
        'UnsupportedMethod',
        `the method ${JSON.stringify(name)} is not supported by this desktop channel; supported: ${SUPPORTED_METHODS.join(', ')}`,
      );
  }
}
