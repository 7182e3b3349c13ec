# frozen_string_literal: true

require "date"

# A harbour ledger.
class Ledger
  Entry = Struct.new(:vessel, :tonnage, :berth, keyword_init: true)

  attr_reader :entries

  def initialize(opened = Date.today)
    @opened = opened
    @entries = []
  end

  def record(vessel, tonnage, berth: nil)
    raise ArgumentError, "tonnage must be positive" unless tonnage.positive?

    @entries << Entry.new(vessel: vessel, tonnage: tonnage, berth: berth)
    self
  end

  def total
    @entries.sum(&:tonnage)
  end

  def summary
    berthed = @entries.count { |e| !e.berth.nil? }
    "#{@entries.size} vessels, #{berthed} berthed, #{format('%.1f', total)} t"
  end
end

ledger = Ledger.new
ledger.record("Marigold", 1250.5, berth: 3).record("Sea Lark", 1_000)
puts ledger.summary
