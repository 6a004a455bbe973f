import { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { as, createOrganisation, instanceAdmin } from '../factories/structure';
import { registerUser, TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';
import { accessibilityViolations, BrowserPage, launchBrowser, openPage } from './browser';
import { openSignedIn } from './web-world';

type Locale = 'en' | 'fr';
const TEXT: Record<Locale, Record<string, string | RegExp>> = {
  en: {
    admin: 'Brand',
    textHex: 'Text, hexadecimal code',
    textContrast: /^Text on background:/,
    failing: '2.8:1 below 4.5:1',
    passing: '✓ AA',
    save: 'Save',
    saved: 'The brand is saved.',
    logo: /^Logo PNG, JPEG/,
    terms: /^Terms of use/,
    svgRefused: 'This kind of file is not accepted',
    brandName: 'Name',
    hosts: /^Host names/,
    create: 'Create the brand',
    refused: 'This page is for the administrators of the instance.',
    noSpheres: 'You are in no sphere yet.',
  },
  fr: {
    admin: 'Marque',
    textHex: 'Texte, code hexadécimal',
    textContrast: /^Texte sur le fond :/,
    failing: '2,8:1, sous 4,5:1',
    passing: '✓ AA',
    save: 'Enregistrer',
    saved: 'La marque est enregistrée.',
    logo: /^Logo PNG, JPEG/,
    terms: /^Conditions d'utilisation/,
    svgRefused: "Ce type de fichier n'est pas accepté",
    brandName: 'Nom',
    hosts: /^Noms d'hôte/,
    create: 'Créer la marque',
    refused: "Cette page est réservée aux administrateurs de l'instance.",
    noSpheres: "Vous n'êtes encore dans aucune sphère.",
  },
};

/**
 * axe (WCAG 2.0–2.2 A and AA) on the page as it is, and what the page reported. The e-mail preview's
 * frame is sandboxed without scripts, where axe cannot run (it waits forever): its document is scanned
 * on its own by `expectAccessibleEmail`. `draftPreview`: the feed card shows the admin's unsaved
 * colours on purpose, failing ones included (that is its point), so it is left out while a failing
 * colour is picked.
 */
async function expectAccessible(tab: BrowserPage, step: string, draftPreview = false): Promise<void> {
  const found = await accessibilityViolations(
    tab.page,
    draftPreview ? ['.email-preview iframe', '.brand-preview'] : ['.email-preview iframe'],
  );
  expect({ step, violations: [...found, ...tab.problems] }).toEqual({ step, violations: [] });
}

/** The e-mail the preview shows, scanned as a page of its own. */
async function expectAccessibleEmail(browser: Browser, html: string, locale: Locale): Promise<void> {
  const tab = await openPage(browser, locale);
  try {
    await tab.page.setContent(html);
    await expectAccessible(tab, 'e-mail preview');
  } finally {
    await tab.close();
  }
}

const cssVariable = (page: Page, name: string) =>
  page.evaluate(`getComputedStyle(document.documentElement).getPropertyValue('${name}').trim()`);

/** The instance admin edits the brand in the browser; a member cannot. */
describe('web client: the brand of the instance', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: TestUser;
  let member: TestUser;
  beforeAll(async () => {
    browser = await launchBrowser();
    // e-mails link their images absolutely, to the public https address as in production (the page's
    // CSP lets the preview load https images; http ones, like the default http://localhost:3000, are blocked)
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000', PUBLIC_URL: 'https://alveole.example.org' } });
    admin = await instanceAdmin(t);
    member = await registerUser(t.http);
    await createOrganisation(t, admin);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each<[Locale, string]>([
    ['en', '#1f2937'],
    ['fr', '#111827'],
  ])(
    'an instance admin fixes a failing colour, saves, uploads a logo and adds a host brand (%s)',
    async (locale, fixed) => {
      const text = TEXT[locale];
      const tab = await openPage(browser, locale);
      const { page } = tab;
      page.setDefaultTimeout(20_000); // under the test's own: a step that hangs is named by its locator
      try {
        await openSignedIn(t, tab, admin, '/');
        await page.getByRole('link', { name: text.admin, exact: true }).click();
        await page.locator('ul.brand-list li').first().waitFor();
        await expectAccessible(tab, 'brands list');

        await page.locator('ul.brand-list a').first().click(); // the default brand comes first
        await page.locator('form.brand-form').waitFor();
        const email = page.locator('.email-preview iframe[srcdoc*="<"]');
        await email.waitFor();
        await expectAccessible(tab, 'editor');
        await expectAccessibleEmail(browser, (await email.getAttribute('srcdoc')) ?? '', locale);

        // a failing text colour: the ratio says so, and the save waits for a readable one
        const hex = page.getByLabel(text.textHex as string);
        const contrast = page.locator('#contrast-text');
        await hex.fill('#999999');
        await page.locator('#contrast-text', { hasText: text.failing }).waitFor();
        expect(await contrast.getAttribute('aria-live')).toBe('polite');
        expect(await contrast.innerText()).toMatch(text.textContrast);
        expect(await page.getByRole('button', { name: text.save as string }).isDisabled()).toBe(true);
        await expectAccessible(tab, 'failing colour', true);

        await hex.fill(fixed);
        await page.locator('#contrast-text', { hasText: text.passing }).waitFor();
        // the api's 422 is told next to its field
        const terms = page.getByLabel(text.terms);
        await terms.fill('javascript:alert(1)');
        await page.getByRole('button', { name: text.save as string }).click();
        await page.locator('#termsUrl-error:not(:empty)').waitFor();
        expect(await terms.getAttribute('aria-describedby')).toBe('termsUrl-error');
        await expectAccessible(tab, 'refused field');

        const termsUrl = `https://example.org/${locale}/terms`;
        await terms.fill(termsUrl);
        await page.getByRole('button', { name: text.save as string }).click();
        await page.getByText(text.saved as string).waitFor();
        expect(await page.locator('#termsUrl-error').innerText()).toBe('');
        await expectAccessible(tab, 'saved');
        await page.reload();
        await page.locator('form.brand-form').waitFor();
        expect(await cssVariable(page, '--brand-text')).toBe(fixed); // written into the page by the api
        await page.locator(`footer a[href="${termsUrl}"]`).waitFor();

        // an SVG is refused in words
        await page.getByLabel(text.logo).setInputFiles({
          name: 'logo.svg',
          mimeType: 'image/svg+xml',
          buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        });
        await page.getByText(text.svgRefused).waitFor();
        await expectAccessible(tab, 'svg refused');

        // a PNG logo: shown in the editor and in the header
        const png = await sharp({
          create: { width: 64, height: 64, channels: 4, background: { r: 29, g: 78, b: 216, alpha: 1 } },
        })
          .png()
          .toBuffer();
        await page.getByLabel(text.logo).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
        await page.locator('header .brand img[src*="/instance/images/"]').waitFor();
        await page.locator('.brand-image img[src*="/instance/images/"]').first().waitFor();
        await expectAccessible(tab, 'logo uploaded');

        // a brand for another host name
        const host = `intranet-${locale}.example.org`;
        await page.goto(`${t.url}/admin/brand`);
        await page.getByLabel(text.brandName as string, { exact: true }).fill(`Brand ${locale}`);
        await page.getByLabel(text.hosts).fill(host);
        await page.getByRole('button', { name: text.create as string }).click();
        await page.locator('form.brand-form').waitFor();
        await expectAccessible(tab, 'host brand created');
        const brands = await t.http.get('/api/v1/instance/brands').set(as(admin)).expect(200);
        const created = brands.body.items.find((brand: { hosts: string[] }) => brand.hosts.includes(host));
        expect(created).toMatchObject({ name: `Brand ${locale}`, isDefault: false });
        expect(page.url()).toBe(`${t.url}/admin/brand/${created.id}`);
      } finally {
        await tab.close();
      }
    },
  );

  it.each<Locale>(['en', 'fr'])('a member sees no admin link, and /admin/brand refuses (%s)', async (locale) => {
    const text = TEXT[locale];
    const tab = await openPage(browser, locale);
    const { page } = tab;
    try {
      await openSignedIn(t, tab, member, '/');
      await page.locator('aside p', { hasText: text.noSpheres }).waitFor(); // GET /me has answered
      expect(await page.locator('a[href="/admin/brand"]').count()).toBe(0);
      await page.goto(`${t.url}/admin/brand`);
      await page
        .getByRole('alert')
        .filter({ hasText: text.refused as string })
        .waitFor();
      expect(await page.locator('form').count()).toBe(0);
      await expectAccessible(tab, 'refused');
    } finally {
      await tab.close();
    }
  });

  describe('the sign-in page and footer follow the brand', () => {
    const patch = (body: object) => t.http.patch('/api/v1/instance').set(as(admin)).send(body).expect(200);
    afterAll(() => patch({ welcomeText: '', legal: { privacyUrl: null, contactUrl: null }, poweredBy: true }));

    it.each<Locale>(['en', 'fr'])(
      'welcome text as plain text, legal links, powered-by on request (%s)',
      async (locale) => {
        const privacyUrl = 'https://example.org/privacy';
        const contactUrl = 'https://example.org/contact';
        await patch({
          welcomeText: '<b>Welcome</b> to the network',
          legal: { privacyUrl, contactUrl },
          poweredBy: false,
        });
        const tab = await openPage(browser, locale);
        const { page } = tab;
        try {
          await page.goto(t.url);
          await page.locator('input[type=email]').waitFor();
          expect(await page.locator('p.welcome').innerText()).toBe('<b>Welcome</b> to the network');
          expect(await page.locator('p.welcome b').count()).toBe(0);
          await page.locator(`footer a[href="${privacyUrl}"]`).waitFor();
          await page.locator(`footer a[href="${contactUrl}"]`).waitFor();
          expect(await page.locator('footer').innerText()).not.toMatch(/Alveole/);
          await expectAccessible(tab, 'sign-in, welcome and legal links');

          await patch({ poweredBy: true });
          await page.reload();
          await page.locator('footer', { hasText: POWERED_BY[locale] }).waitFor();
        } finally {
          await tab.close();
        }
      },
    );
  });

  describe('the register page follows the registration policy', () => {
    const setPolicy = (registration: string) =>
      t.http.patch('/api/v1/instance').set(as(admin)).send({ registration }).expect(200);
    afterAll(() => setPolicy('open'));

    it.each<Locale>(['en', 'fr'])(
      'closed: no register link, no form, administrators create accounts (%s)',
      async (locale) => {
        await setPolicy('closed');
        const tab = await openPage(browser, locale);
        const { page } = tab;
        try {
          await page.goto(t.url);
          await page.locator('input[type=email]').waitFor();
          expect(await page.locator('a[href="/register"]').count()).toBe(0);
          await page.getByText(CLOSED[locale]).waitFor();
          await expectAccessible(tab, 'sign-in, closed');
          await page.goto(`${t.url}/register`);
          await page.getByText(CLOSED[locale]).waitFor();
          expect(await page.locator('input').count()).toBe(0);
          await expectAccessible(tab, 'register, closed');
        } finally {
          await tab.close();
        }
      },
    );

    it.each<Locale>(['en', 'fr'])('invitation only: the code is required and the page says so (%s)', async (locale) => {
      await setPolicy('invitation_only');
      const tab = await openPage(browser, locale);
      const { page } = tab;
      try {
        await page.goto(`${t.url}/register`);
        const code = page.getByLabel(INVITATION_CODE[locale], { exact: true });
        await code.waitFor();
        expect(await code.getAttribute('required')).not.toBeNull();
        await page.getByText(INVITATION_ONLY[locale]).waitFor();
        await expectAccessible(tab, 'register, invitation only');
      } finally {
        await tab.close();
      }
    });
  });
});

const CLOSED: Record<Locale, string> = {
  en: 'Accounts are created by the administrators: ask them for one.',
  fr: 'Les comptes sont créés par les administrateurs : demandez-leur le vôtre.',
};
const INVITATION_ONLY: Record<Locale, string> = {
  en: 'An account is created with an invitation code only',
  fr: "Un compte se crée seulement avec un code d'invitation",
};
const INVITATION_CODE: Record<Locale, string> = { en: 'Invitation code', fr: "Code d'invitation" };
const POWERED_BY: Record<Locale, string> = { en: 'Powered by Alveole', fr: 'Propulsé par Alveole' };
