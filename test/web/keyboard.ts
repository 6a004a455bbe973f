import { Locator, Page } from 'playwright-core';

/** Presses Tab until the element is focused (fails after `max` presses): the keyboard's way to reach it. */
export async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Moves the focused <select> (reached with tabTo) with the arrow keys until the chosen option's text (trimmed) is `text`. */
export async function arrowToOption(page: Page, select: Locator, text: string, max = 40): Promise<void> {
  const chosen = () =>
    select.evaluate((element) =>
      (element as unknown as { selectedOptions: ArrayLike<{ text: string }> }).selectedOptions[0]?.text.trim(),
    );
  if (!(await select.evaluate((element) => element === element.ownerDocument.activeElement)))
    throw new Error('select not focused');
  for (let i = 0; i < max && (await chosen()) !== text; i++) await page.keyboard.press('ArrowDown');
  if ((await chosen()) !== text) throw new Error(`ArrowDown never chose ${text} (at ${await chosen()})`);
}
