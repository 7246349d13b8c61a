/**
 * What a new user name may be, beyond the contract's length: no invisible or text-direction
 * characters, and nothing a reader would take for an existing account's name (audit entries,
 * the accounts list and sign-in all show user names as they were typed).
 *
 * Look-alikes are found with the skeletons of Unicode Technical Standard #39 (section 4,
 * "Confusable Detection"). The prototypes come from `unhomoglyph` (MIT, nodeca; widely used, e.g.
 * by Matrix clients): Unicode's confusables.txt 13.0.0 as a plain map, shipped in the package, so
 * nothing is fetched at run time. Its last release is from 2020 (no npm package ships newer
 * data); tests/unit/user-names.test.ts checks the mappings we rely on: Cyrillic and Greek letters
 * to their Latin look-alikes, dotless ı to i, m to rn, Farsi yeh to Arabic yeh, keheh to kaf.
 * The skeleton steps around the map (NFD, default-ignorables, NFD again) are ours.
 */
import unhomoglyph from 'unhomoglyph';
import { AppError } from '../../shared/errors';
import { normaliseUserName } from '../vault/key-slots';

/**
 * Invisible and bidirectional control characters: controls (Cc), format characters (Cf: zero-width
 * space and joiners, LRM/RLM, LRE…RLO, LRI…PDI, the byte-order mark, the soft hyphen, the Arabic
 * letter mark), line and paragraph separators, and whatever else Unicode says to draw as nothing
 * (Default_Ignorable_Code_Point: variation selectors, the combining grapheme joiner, fillers).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** Full case folding as JavaScript offers it: upper then lower case folds ß to ss and ς to σ. */
function foldCase(text: string): string {
  return text.toUpperCase().toLowerCase();
}

/** UTS #39 skeleton: NFD, drop default-ignorables, each character to its prototype, NFD again. */
function skeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD').replace(DEFAULT_IGNORABLE, '')).normalize('NFD');
}

/**
 * What two names are compared by, after NFKC and case folding. Skeletons are case-sensitive
 * (0 maps to O, I to l), and user names are not, so a name has two keys: the skeleton of the
 * name as typed and of its folded form, each folded again.
 */
function comparisonKeys(userName: string): string[] {
  const name = userName.normalize('NFKC').trim();
  return [foldCase(skeleton(name)), foldCase(skeleton(foldCase(name)))];
}

/** True when a reader could take one name for the other (their skeletons meet). */
export function confusableWith(userName: string, other: string): boolean {
  const keys = new Set(comparisonKeys(userName));
  return comparisonKeys(other).some((key) => keys.has(key));
}

function codePointLabel(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Throws user_name_invalid (with the offending code point) or user_name_confusable (with the
 * existing account's user name: a staff name, shown to the supervisor creating the account). The
 * very same name, in another case or width, is the duplicate check's to refuse (user_exists).
 */
export function checkNewUserName(userName: string, existingNames: readonly string[]): void {
  const invisible = INVISIBLE.exec(userName);
  if (invisible) throw new AppError('user_name_invalid', { character: codePointLabel(invisible[0]) });
  const same = normaliseUserName(userName);
  const existing = existingNames.find((name) => normaliseUserName(name) !== same && confusableWith(userName, name));
  if (existing !== undefined) throw new AppError('user_name_confusable', { existing });
}
