extension Language {
  /// SQL (standard SQL with the common PostgreSQL, MySQL and SQLite words).
  static let sql: Language = {
    var g = CodeGrammar()
    g.keywords = WordTable(
      """
      abort action add after all alter analyze and any as asc attach autoincrement before begin \
      between by cascade case cast check collate column commit conflict constraint create cross \
      current current_date current_time current_timestamp database default deferrable deferred \
      delete desc detach distinct do drop each else end escape except exclusive exists explain \
      fail filter for foreign from full glob grant group having if ignore immediate in index \
      indexed initially inner insert instead intersect into is isnull join key left like limit \
      match natural no not notnull null of offset on or order outer over partition plan pragma \
      primary query raise recursive references regexp reindex release rename replace restrict \
      returning revoke right rollback row rows savepoint select set table temp temporary then to \
      transaction trigger union unique update using vacuum values view virtual when where window \
      with without true false lateral truncate sequence schema function procedure returns language \
      declare cursor fetch next open close execute prepare deallocate grant privileges role user \
      session authorization owner comment range unbounded preceding following exclude ties others \
      first last nulls only sql security definer invoker immutable stable volatile strict \
      materialized concurrently refresh extension type domain enum array interval zone local \
      identity generated always stored start increment minvalue maxvalue cycle owned value \
      data package admin level read write isolation serializable committed uncommitted repeatable \
      work chain characteristics constraints show describe use engine charset auto_increment \
      unsigned zerofill modify change loop while repeat until leave iterate elsif elseif \
      return count sum avg min max coalesce nullif greatest least \
      extract position substring trim upper lower length char_length overlay exists year month \
      day hour minute second nothing
      """, caseInsensitive: true)
    g.types = WordTable(
      """
      int integer smallint bigint tinyint mediumint serial bigserial smallserial decimal numeric \
      real double precision float boolean bool char character varchar text blob clob date time \
      timestamp timestamptz datetime year uuid json jsonb bytea money inet cidr xml varying
      """, caseInsensitive: true)
    g.lineComments = [[45, 45]]
    g.singleQuote = .string
    g.doubledQuoteEscape = true
    g.backslashEscapes = false
    g.multilineStrings = true
    g.backtick = .identifier
    g.capitalizedTypes = false
    g.functionCalls = false
    return Language(
      "sql", ["postgresql", "postgres", "psql", "mysql", "sqlite", "plsql", "tsql"], grammar: g)
  }()
}
