require "rake/clean"

BUILD_DIR = "build"
SOURCES = FileList["chapters/*.md"]
CLEAN.include(BUILD_DIR)

directory BUILD_DIR

desc "Build every chapter into HTML"
task build: [BUILD_DIR] do
  SOURCES.each do |source|
    target = File.join(BUILD_DIR, File.basename(source, ".md") + ".html")
    next if uptodate?(target, [source])

    sh "octavo render #{source} --output #{target}"
  end
end

desc "Count words"
task :words do
  total = SOURCES.sum { |f| File.read(f).split.size }
  puts "#{total} words in #{SOURCES.size} chapters"
end

task default: :build
