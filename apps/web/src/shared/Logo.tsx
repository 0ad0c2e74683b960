import { Link } from 'react-router';

export function Logo() {
  return (
    <Link to="/" className="logo" aria-label="Baton: all orchestrations">
      <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="var(--accent)" />
        <path d="M9 23 23 9" stroke="white" strokeWidth="3.5" strokeLinecap="round" />
        <circle cx="23" cy="9" r="3" fill="white" />
      </svg>
      <span>Baton</span>
    </Link>
  );
}
