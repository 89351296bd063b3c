/**
 * The browser tests fail, never skip, when chromium cannot start: startBrowserWorld asks first and
 * throws the reason. Proven here with an executable that is not there, and with the real one.
 */
import { CHROMIUM, chromiumProblem, requireChromium } from './browser-world';

it('fails with the reason when chromium is missing', () => {
  expect(() => {
    requireChromium('/nonexistent/chromium');
  }).toThrow('the browser tests need chromium and cannot run: /nonexistent/chromium is missing');
});

it('finds the chromium the browser tests use', () => {
  expect(chromiumProblem(CHROMIUM)).toBeUndefined();
}, 60_000);
