/**
 * The SDK's item writes over one account, shaped as its invocations are:
 *   ItemsCreate {params: {vaultId, title, category?, fields?, notes?}}  -> the new item
 *   ItemsPut    {item:   {id, vaultId, title, category?, fields?, notes?}} -> the item as stored
 *   ItemsDelete {vault_id, item_id}                                     -> null
 * A bad shape is InvalidRequest naming the field; a vault or item that is not there is
 * vaultNotFound / itemNotFound. `op://` references read items as they are, so they follow writes.
 */
import { DesktopError, invalidRequest } from './errors.js';
import { itemView, one } from './methods.js';
import { newObjectId, type Account, type Item, type ItemField } from './vault.js';

const MAX_TEXT = 1000;
const MAX_VALUE = 10_000;
const MAX_FIELDS = 100;
/** Writes are capped per vault so that a looping client cannot grow the mock without bound. */
const MAX_ITEMS_PER_VAULT = 10_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(o: Record<string, unknown>, key: string, where: string, max = MAX_TEXT, optional = false): string | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || (v.length === 0 && max !== MAX_VALUE) || v.length > max) {
    throw invalidRequest(`${where}.${key} must be ${max === MAX_VALUE ? 'a string' : 'a non-empty string'} of at most ${max} characters`);
  }
  return v;
}

function fields(input: unknown, where: string): ItemField[] {
  if (input === undefined) return [];
  if (!Array.isArray(input) || input.length > MAX_FIELDS) throw invalidRequest(`${where}.fields must be an array of at most ${MAX_FIELDS} fields`);
  const seen = new Set<string>();
  return input.map((f, n) => {
    const at = `${where}.fields[${n}]`;
    if (!isObject(f)) throw invalidRequest(`${at} must be an object {id?, title, fieldType?, value}`);
    const title = text(f, 'title', at)!;
    const id = text(f, 'id', at, MAX_TEXT, true) ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '_');
    if (seen.has(id)) throw invalidRequest(`${at}.id ${JSON.stringify(id)} is used by another field of this item`);
    seen.add(id);
    return { id, title, fieldType: text(f, 'fieldType', at, MAX_TEXT, true) ?? 'Text', value: text(f, 'value', at, MAX_VALUE)! };
  });
}

function itemBody(o: Record<string, unknown>, where: string): Omit<Item, 'id'> {
  return {
    title: text(o, 'title', where)!,
    category: text(o, 'category', where, MAX_TEXT, true) ?? 'Login',
    notes: text(o, 'notes', where, MAX_VALUE, true) ?? '',
    fields: fields(o.fields, where),
  };
}

export function itemCreate(account: Account, params: unknown) {
  if (!isObject(params)) throw invalidRequest('ItemsCreate needs "params": {vaultId, title, category?, fields?, notes?}');
  const vault = one(account.vaults, text(params, 'vaultId', 'params')!, 'vault');
  const body = itemBody(params, 'params');
  if (vault.items.length >= MAX_ITEMS_PER_VAULT) throw invalidRequest(`vault ${JSON.stringify(vault.title)} is full (${MAX_ITEMS_PER_VAULT} items)`);
  const item: Item = { id: newObjectId(), ...body };
  vault.items.push(item);
  return itemView(vault, item);
}

export function itemPut(account: Account, input: unknown) {
  if (!isObject(input)) throw invalidRequest('ItemsPut needs "item": {id, vaultId, title, category?, fields?, notes?} (as ItemsGet answers it)');
  const vault = one(account.vaults, text(input, 'vaultId', 'item')!, 'vault');
  const id = text(input, 'id', 'item')!;
  // Put replaces the item with this id; it does not create one (ItemsCreate does).
  const at = vault.items.findIndex((i) => i.id === id);
  if (at < 0) throw new DesktopError('itemNotFound', `vault ${JSON.stringify(vault.title)} has no item with the id ${JSON.stringify(id)}`);
  const item: Item = { id, ...itemBody(input, 'item') };
  vault.items[at] = item;
  return itemView(vault, item);
}

export function itemDelete(account: Account, vaultKey: string, itemId: string): void {
  const vault = one(account.vaults, vaultKey, 'vault');
  const at = vault.items.findIndex((i) => i.id === itemId);
  if (at < 0) throw new DesktopError('itemNotFound', `vault ${JSON.stringify(vault.title)} has no item with the id ${JSON.stringify(itemId)}`);
  vault.items.splice(at, 1);
}
