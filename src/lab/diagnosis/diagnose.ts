// All the reasons one step's evidence shows, the command's own error first.
import { crashes } from './crashes';
import { imagePulls } from './images';
import { kubectlErrors } from './kubectlErrors';
import { probes } from './probes';
import { pendingClaims, scheduling } from './scheduling';
import type { Diagnosis, ReasonFamily, StepEvidence } from './types';

const FAMILIES: readonly ReasonFamily[] = [kubectlErrors, imagePulls, crashes, scheduling, pendingClaims, probes];
const MAX_DIAGNOSES = 3;

export function diagnose(evidence: StepEvidence): Diagnosis[] {
  const out: Diagnosis[] = [];
  for (const family of FAMILIES) {
    for (const d of family(evidence)) if (!out.some((o) => o.reason === d.reason)) out.push(d);
  }
  return out.slice(0, MAX_DIAGNOSES);
}
