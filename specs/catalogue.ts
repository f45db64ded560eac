/** Every area's requirements in catalogue order; `RequirementId` is the union of their literal IDs. */
import { CC } from './cc.js';
import { CODE } from './code.js';
import { DG } from './dg.js';
import { DSK } from './dsk.js';
import { EXP } from './exp.js';
import { PKCE } from './pkce.js';
import { RED } from './red.js';
import { REG } from './reg.js';
import { ROT } from './rot.js';
import { TOK } from './tok.js';

export const catalogue = [...REG, ...RED, ...PKCE, ...CODE, ...DG, ...TOK, ...CC, ...ROT, ...EXP, ...DSK] as const;

export type RequirementId = (typeof catalogue)[number]['id'];
