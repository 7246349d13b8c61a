import { fold } from '../text/normalise';
import type { PersonFields } from './fields';

/**
 * Whether the form should suggest the document-mismatch flag: a document's name differs from
 * the chosen name, or its recorded sex differs from the gender identity the person gave. Only a
 * suggestion: the clerk confirms, nothing is set silently, and nothing is inferred from it.
 */
export function suggestsDocumentMismatch(fields: PersonFields): boolean {
  const chosen = fields.chosenName ? fold(fields.chosenName).replace(/\s+/g, ' ').trim() : undefined;
  const gender = fields.genderIdentity?.kind === 'listed' ? fields.genderIdentity.value : undefined;
  return (fields.documents ?? []).some((document) => {
    const name = document.nameOnDocument ? fold(document.nameOnDocument).replace(/\s+/g, ' ').trim() : undefined;
    const nameDiffers = chosen !== undefined && name !== undefined && name !== chosen;
    const sex = document.sexOnDocument;
    const sexDiffers =
      gender !== undefined &&
      sex !== undefined &&
      sex !== 'not-shown' &&
      !((gender === 'woman' && sex === 'F') || (gender === 'man' && sex === 'M') || (gender === 'non-binary' && sex === 'X'));
    return nameDiffers || sexDiffers;
  });
}
