import asyncio
import json
from typing import Any

RETRIES = 3


async def fetch(session, url: str) -> dict[str, Any]:
    """Fetches JSON, retrying with a growing delay."""
    delay = 0.25
    for attempt in range(1, RETRIES + 1):
        try:
            async with session.get(url, timeout=10) as response:
                response.raise_for_status()
                return json.loads(await response.text())
        except (TimeoutError, ConnectionError) as error:
            if attempt == RETRIES:
                raise
            print(f"attempt {attempt} failed: {error}")
            await asyncio.sleep(delay)
            delay *= 2
    return {}


async def fetch_all(session, urls):
    tasks = [asyncio.create_task(fetch(session, u)) for u in urls]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    return [r for r in results if not isinstance(r, Exception)]
