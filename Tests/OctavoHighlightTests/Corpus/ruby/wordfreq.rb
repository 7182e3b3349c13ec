#!/usr/bin/env ruby
# Prints the most frequent words of standard input.

top = (ARGV.first || 10).to_i
counts = Hash.new(0)

$stdin.each_line do |line|
  line.scan(/[a-z']+/i) { |word| counts[word.downcase] += 1 }
end

width = counts.keys.map(&:length).max || 0
counts.sort_by { |word, count| [-count, word] }.first(top).each do |word, count|
  printf("%-*s %6d\n", width, word, count)
end

exit counts.empty? ? 1 : 0
