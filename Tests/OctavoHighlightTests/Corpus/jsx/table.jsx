export function TideTable({ rows, unit = 'm' }) {
  const max = Math.max(...rows.map((r) => r.height));
  return (
    <table className="tides">
      <thead>
        <tr>
          <th>Time</th>
          <th>Height ({unit})</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ time, height }) => (
          <tr key={time} className={height === max ? 'high' : undefined}>
            <td>{time}</td>
            <td style={{ textAlign: 'right' }}>{height.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
