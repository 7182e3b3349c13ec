module Octavo
  module Formatting
    SMALL_WORDS = %w[a an and as at but by for in of on or the to].freeze

    def self.titlecase(text)
      words = text.split(/\s+/)
      words.each_with_index.map do |word, index|
        if index.positive? && SMALL_WORDS.include?(word.downcase)
          word.downcase
        else
          word[0].upcase + word[1..]
        end
      end.join(" ")
    end

    def smart_quotes(text)
      text.gsub(/"([^"]*)"/, "\u201C\\1\u201D").gsub("'", "\u2019")
    end
  end
end

include Octavo::Formatting
puts Octavo::Formatting.titlecase("the lantern of the quay")
puts smart_quotes(%(She said "fog" and it's true))
