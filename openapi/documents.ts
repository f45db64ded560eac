/** The OpenAPI documents of authprobe and where their generated types go. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const openapiDir = fileURLToPath(new URL('.', import.meta.url));
export const generatedDir = fileURLToPath(new URL('./generated/', import.meta.url));

/** Every `*.yaml` in openapi/, by name without the extension (`oauth`, `users-api`, `desktop-ipc`). */
export function documentNames(): string[] {
  return readdirSync(openapiDir)
    .filter((f) => f.endsWith('.yaml') && f !== 'redocly.yaml')
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

export function documentPath(name: string): string {
  return `${openapiDir}${name}.yaml`;
}

export function generatedPath(name: string): string {
  return `${generatedDir}${name}.ts`;
}
