<?php

/**
 * Slugifies a title: "The Quay at Dawn" becomes "the-quay-at-dawn".
 */
function slugify(string $title, string $separator = '-'): string
{
    $slug = strtolower($title);
    $slug = preg_replace('/[^a-z0-9]+/', $separator, $slug);
    return trim($slug, $separator);
}

$titles = ['The Quay at Dawn', 'Salt & Tide', 'Chapter 12: Fog'];
$slugs = array_map(fn ($t) => slugify($t), $titles);

$counts = [];
foreach ($slugs as $slug) {
    $first = $slug[0];
    $counts[$first] = ($counts[$first] ?? 0) + 1;
}
ksort($counts);

switch (count($slugs)) {
    case 0:
        echo "no titles\n";
        break;
    default:
        printf("%d slugs: %s\n", count($slugs), implode(', ', $slugs));
}
var_dump($counts, 3.14, 0x1F, true, null);
