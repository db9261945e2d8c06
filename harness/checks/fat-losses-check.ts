import type { CheckResult, CloneFacts } from './types.js';

/**
 * A lossy file apply onto FAT left names of the image out (or merged case twins): the applied
 * tree is not the captured one, so the clone's `applied` check fails with `tree-mismatch` and
 * lists every loss as evidence. No losses, no check (a clean apply is not judged here).
 */
export function checkFatLosses(clone: CloneFacts): CheckResult[] {
  const losses = clone.fatLosses ?? [];
  if (losses.length === 0) return [];
  const out = losses.filter((loss) => !loss.written);
  const shown = losses.slice(0, 5).map((loss) => `${loss.path} (${loss.reason}${loss.written ? ', kept' : ''})`).join(', ');
  return [{
    id: 'applied', scope: 'clone', cloneId: clone.cloneId, status: 'fail', failures: ['tree-mismatch'],
    summary: `applied with losses accepted (lossy): ${losses.length} name(s) of the image cannot exist on FAT, ${out.length} left out: ${shown}${losses.length > 5 ? ', …' : ''}`,
    evidence: { source: 'image listing (wimlib-imagex dir) vs FAT name rules, before apply', losses },
  }];
}
