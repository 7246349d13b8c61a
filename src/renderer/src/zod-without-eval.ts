/**
 * The page may not evaluate strings (script-src 'self', no 'unsafe-eval'). Zod is told not to
 * compile its checks into functions, and so not to probe for it with new Function(''), which the
 * browser reports as a refused eval. Imported first by main.tsx, before any schema is used.
 */
import { z } from 'zod';

z.config({ jitless: true });
