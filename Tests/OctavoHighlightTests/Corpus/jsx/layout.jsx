import PropTypes from 'prop-types';

const Header = ({ title, subtitle }) => (
  <header className="book-header">
    <h1>{title}</h1>
    {subtitle ? <h2>{subtitle}</h2> : null}
  </header>
);

Header.propTypes = {
  title: PropTypes.string.isRequired,
  subtitle: PropTypes.string,
};

export function Layout({ title, subtitle, children }) {
  const year = new Date().getFullYear();
  return (
    <>
      <Header title={title} subtitle={subtitle} />
      <main id="content">{children}</main>
      <footer>
        <small>Printed {year} by Octavo</small>
      </footer>
    </>
  );
}
