import React, { useMemo, useState } from 'react';

interface Chapter {
  id: string;
  title: string;
  words: number;
}

interface Props {
  chapters: Chapter[];
  onSelect: (id: string) => void;
}

export function ChapterList({ chapters, onSelect }: Props) {
  const [query, setQuery] = useState<string>('');
  const visible = useMemo(
    () => chapters.filter((c) => c.title.toLowerCase().includes(query.toLowerCase())),
    [chapters, query]
  );

  return (
    <section className="chapters">
      <input value={query} onChange={(e) => setQuery(e.target.value)} />
      <ul>
        {visible.map((c) => (
          <li key={c.id} onClick={() => onSelect(c.id)}>
            {c.title} <small>{c.words} words</small>
          </li>
        ))}
      </ul>
    </section>
  );
}
