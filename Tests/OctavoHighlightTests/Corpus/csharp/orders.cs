using System;
using System.Collections.Generic;
using System.Linq;

namespace Harbour.Orders
{
    public record Order(int Id, string Customer, decimal Total, DateTime Placed);

    public class OrderBook
    {
        private readonly List<Order> _orders = new();

        public void Add(Order order)
        {
            if (order.Total <= 0m)
                throw new ArgumentException("Total must be positive", nameof(order));
            _orders.Add(order);
        }

        public IEnumerable<string> TopCustomers(int count = 3) =>
            _orders
                .GroupBy(o => o.Customer)
                .OrderByDescending(g => g.Sum(o => o.Total))
                .Take(count)
                .Select(g => $"{g.Key}: {g.Sum(o => o.Total):C}");

        public Order? Latest => _orders.OrderBy(o => o.Placed).LastOrDefault();
    }
}
