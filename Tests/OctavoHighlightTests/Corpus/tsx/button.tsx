import type { ReactNode } from 'react';

type Variant = 'primary' | 'secondary';

export interface ButtonProps {
  variant?: Variant;
  disabled?: boolean;
  onClick?: () => void;
  children: ReactNode;
}

export function Button({ variant = 'primary', disabled = false, onClick, children }: ButtonProps) {
  const className = `button button-${variant}`;
  return (
    <button className={className} disabled={disabled} onClick={onClick}>
      {children}
    </button>
  );
}

export const Primary = () => <Button onClick={() => console.log('clicked')}>Save</Button>;
