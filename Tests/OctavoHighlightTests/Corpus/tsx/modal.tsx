import React, { useEffect, useRef } from 'react';

type ModalProps = {
  open: boolean;
  title: string;
  onClose(): void;
  children?: React.ReactNode;
};

export default function Modal({ open, title, onClose, children }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const node = dialog.current;
    if (!node) return;
    if (open && !node.open) node.showModal();
    if (!open && node.open) node.close();
  }, [open]);

  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="modal-title">
      <h2 id="modal-title">{title}</h2>
      <div className="modal-body">{children}</div>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
