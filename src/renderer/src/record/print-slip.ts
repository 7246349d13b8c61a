import { SLIP_STYLE } from '../../../shared/slip';
import type { StatsFileOutput } from '../../../shared/stats';

let slipSheet: CSSStyleSheet | undefined;

/**
 * The slip's own stylesheet (shared with the PDF main makes), added to the window once as a
 * constructed stylesheet: the window's policy lets in no inline <style>, and every rule is inside
 * `.slip-page`, so nothing else on screen changes.
 */
function adoptSlipStyle(): void {
  if (slipSheet) return;
  slipSheet = new CSSStyleSheet();
  slipSheet.replaceSync(SLIP_STYLE);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, slipSheet];
}

/**
 * Prints the slip main made (self-contained HTML, no script): its page goes into a print-only
 * area beside the app, with the slip's language and direction, and print.css hides everything
 * else on paper. The area is removed once the print dialog closes.
 */
export function printSlip(file: StatsFileOutput): void {
  const bytes = Uint8Array.from(atob(file.dataBase64), (character) => character.charCodeAt(0));
  // Without its <head>: the window's policy would refuse (and report) the page's own stylesheet.
  const html = new TextDecoder().decode(bytes).replace(/<head>[\s\S]*<\/head>/, '');
  const slip = new DOMParser().parseFromString(html, 'text/html');
  const page = slip.querySelector('.slip-page');
  if (!page) throw new Error('the slip from main has no .slip-page element');
  adoptSlipStyle();
  const area = document.createElement('div');
  area.className = 'slip-print-area';
  area.lang = slip.documentElement.lang;
  area.dir = slip.documentElement.dir;
  area.append(document.importNode(page, true));
  document.body.append(area);
  document.body.classList.add('printing-slip');
  const done = (): void => {
    area.remove();
    document.body.classList.remove('printing-slip');
  };
  window.addEventListener('afterprint', done, { once: true });
  window.print();
}
