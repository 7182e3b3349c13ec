class Inventory
  include Enumerable

  Item = Struct.new(:name, :weight)

  def initialize
    @items = []
    @@count ||= 0
  end

  def add(name, weight)
    @items.push(Item.new(name, weight))
    @@count += 1
  end

  def each(&block)
    return enum_for(:each) unless block_given?

    @items.each(&block)
  end

  def heavy(limit = 10.0)
    select { |item| item.weight > limit }.map(&:name)
  end

  def to_s
    <<~TEXT
      Inventory (#{@items.size} items)
      heaviest: #{max_by(&:weight)&.name || "none"}
    TEXT
  end
end

inventory = Inventory.new
inventory.add(:rope, 12.5)
inventory.add(:lantern, 3)
puts inventory.heavy.inspect
puts inventory
