/** One test per defect: the conformant mock passes its probe, the mock with the defect fails it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nativeLoopbackOnly, requirementById } from '../../specs/index.js';
import { defects } from '../core/defects.js';
import { demoConfig, startMock, type RunningMock } from '../index.js';
import { probes } from '../testing/defect-probes.js';

let conformant: RunningMock;
beforeAll(async () => {
  conformant = await startMock({ consent: 'auto', desktop: false });
});
afterAll(async () => {
  await conformant?.close();
});

describe('defect registry', () => {
  it('every defect names known requirement IDs and has a probe', () => {
    for (const d of defects) {
      expect(d.breaks.length, d.name).toBeGreaterThan(0);
      for (const id of d.breaks) expect(requirementById(id), `${d.name}: ${id}`).toBeDefined();
      expect(typeof probes[d.name], d.name).toBe('function');
    }
    expect(new Set(defects.map((d) => d.name)).size).toBe(defects.length);
  });
  it('PKCE-2: pkce-plain-accepted breaks PKCE-2', () => {
    expect(defects.find((d) => d.name === 'pkce-plain-accepted')?.breaks).toEqual(['PKCE-2']);
  });
  it('at least one defect per requirement of REG RED PKCE CODE DG TOK CC ROT EXP', async () => {
    const { requirements } = await import('../../specs/index.js');
    const covered = new Set(defects.flatMap((d) => d.breaks));
    const missing = requirements.filter((r) => r.area !== 'DSK' && !covered.has(r.id)).map((r) => r.id);
    expect(missing).toEqual([]);
  });
});

describe('each defect changes its named behaviour', () => {
  for (const d of defects) {
    it(`${d.breaks.join(' ')}: --defect ${d.name}`, async () => {
      const probe = probes[d.name];
      if (!probe) throw new Error(`no probe for defect ${d.name}: add one to defect-probes.ts`);
      // A grace-window defect shows only where there is a window (rotation.grace_seconds); a
      // native-loopback one only where loopback ports may vary (loopbackPorts 'any').
      const config = d.breaks.some((id) => id.startsWith('GRACE-'))
        ? { ...demoConfig, rotation: { grace_seconds: 30 } }
        : d.breaks.some(nativeLoopbackOnly) ? { ...demoConfig, loopbackPorts: 'any' as const } : undefined;
      const reference = config ? await startMock({ consent: 'auto', desktop: false, config }) : conformant;
      const broken = await startMock({ consent: 'auto', desktop: false, defects: [d.name], ...(config ? { config } : {}) });
      try {
        expect(await probe(reference.issuer), 'conformant mock').toBe(true);
        expect(await probe(broken.issuer), `mock with ${d.name}`).toBe(false);
      } finally {
        await broken.close();
        if (reference !== conformant) await reference.close();
      }
    });
  }
});

