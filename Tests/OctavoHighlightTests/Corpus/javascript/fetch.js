import { readFile } from 'node:fs/promises';

const RETRIES = 3;

export async function fetchJSON(url, { retries = RETRIES, delay = 250 } = {}) {
  for (let attempt = 1; attempt <= retries; attempt++) {
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return await response.json();
    } catch (error) {
      if (attempt === retries) throw error;
      console.warn(`attempt ${attempt} failed: ${error.message}`);
      await new Promise((resolve) => setTimeout(resolve, delay * 2 ** attempt));
    }
  }
  return undefined;
}

export async function loadConfig(path) {
  const text = await readFile(path, 'utf8');
  const config = JSON.parse(text);
  return { width: 80, ...config };
}
