// A short, human description of the device behind a User-Agent string: "Chrome on Linux",
// "Safari on iPhone". Only the common browsers and systems are told apart; the rest is "Unknown device".
// User agents are easy to fake: this is a hint for people recognising their devices, never a proof.

// Order matters: many browsers also name the ones they derive from (Edge says Chrome and Safari,
// Chrome says Safari, iPhones say "like Mac OS X", Android says Linux).
const BROWSERS = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bVivaldi\//, 'Vivaldi'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bCriOS\/|\bChrome\/|\bHeadlessChrome\/|\bChromium\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\/|\bMobile\/\w+ Safari\//, 'Safari'],
];

const SYSTEMS = [
  [/\biPhone\b|\biPod\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bWindows\b/, 'Windows'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bMacintosh\b|\bMac OS X\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

function first(table, text) {
  const found = table.find(([pattern]) => pattern.test(text));
  return found ? found[1] : null;
}

/** "Browser on System" for a User-Agent header; "Unknown device" when neither is recognised. */
export function describeDevice(userAgent) {
  const text = typeof userAgent === 'string' ? userAgent : '';
  const browser = first(BROWSERS, text);
  const system = first(SYSTEMS, text);
  if (browser && system) return browser + ' on ' + system;
  if (browser) return browser;
  if (system) return 'A browser on ' + system;
  return 'Unknown device';
}
