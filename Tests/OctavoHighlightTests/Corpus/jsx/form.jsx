import React, { useReducer } from 'react';

const initial = { name: '', email: '', sent: false };

function reducer(state, action) {
  switch (action.type) {
    case 'field':
      return { ...state, [action.name]: action.value };
    case 'sent':
      return { ...state, sent: true };
    default:
      return state;
  }
}

export default function ContactForm({ onSubmit }) {
  const [state, dispatch] = useReducer(reducer, initial);
  const update = (e) => dispatch({ type: 'field', name: e.target.name, value: e.target.value });

  if (state.sent) {
    return <p role="status">Thank you, {state.name}.</p>;
  }

  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        await onSubmit(state);
        dispatch({ type: 'sent' });
      }}
    >
      <label htmlFor="name">Name</label>
      <input id="name" name="name" value={state.name} onChange={update} required />
      <label htmlFor="email">Email</label>
      <input id="email" name="email" type="email" value={state.email} onChange={update} />
      <button type="submit" disabled={!state.name}>Send</button>
    </form>
  );
}
