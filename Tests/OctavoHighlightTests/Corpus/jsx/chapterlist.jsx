import React, { useState } from 'react';

export function ChapterList({ chapters, onSelect }) {
  const [query, setQuery] = useState('');
  const visible = chapters.filter((c) =>
    c.title.toLowerCase().includes(query.toLowerCase())
  );

  return (
    <section className="chapters">
      <input
        type="search"
        value={query}
        placeholder="Filter chapters"
        onChange={(e) => setQuery(e.target.value)}
      />
      <ol>
        {visible.map((chapter) => (
          <li key={chapter.id} onClick={() => onSelect(chapter.id)}>
            {chapter.title}
          </li>
        ))}
      </ol>
      {visible.length === 0 && <p className="empty">No match</p>}
    </section>
  );
}
