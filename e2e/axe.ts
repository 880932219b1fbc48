import AxeBuilder from '@axe-core/playwright'
import type { Page, TestInfo } from '@playwright/test'

/** The WCAG A and AA rules (2.0 to 2.2), as axe-core tags them. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * Runs axe-core on the page and returns its serious and critical violations, in a form that
 * reads well in a diff. Legacy mode runs `axe.run` in the page itself: the app has no frames,
 * and the default (a partial run per frame, finished in a new blank page) doubles the time.
 */
export async function seriousViolations(page: Page, testInfo: TestInfo, name: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode().analyze()
  await testInfo.attach(`axe ${name}`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  })
  await testInfo.attach(name, { body: await page.screenshot(), contentType: 'image/png' })
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }))
}
