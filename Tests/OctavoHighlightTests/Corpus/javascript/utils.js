/**
 * Small helpers for text.
 */
export const slugify = (title) =>
  title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export function debounce(fn, wait = 100) {
  let timer = null;
  return function (...args) {
    clearTimeout(timer);
    timer = setTimeout(() => fn.apply(this, args), wait);
  };
}

export function wordCount(text) {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length;
}

const ratio = 16 / 9;
const big = 1_000_000n;
console.log(slugify('The Quay at Dawn'), typeof ratio, big, void 0);
