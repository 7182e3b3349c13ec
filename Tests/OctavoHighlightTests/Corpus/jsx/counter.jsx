import { useEffect, useState } from 'react';

function Counter({ start = 0, step = 1 }) {
  const [count, setCount] = useState(start);

  useEffect(() => {
    document.title = `Count: ${count}`;
  }, [count]);

  return (
    <div className="counter">
      <button onClick={() => setCount(count - step)}>-</button>
      <span>{count}</span>
      <button onClick={() => setCount(count + step)}>+</button>
    </div>
  );
}

export default Counter;
