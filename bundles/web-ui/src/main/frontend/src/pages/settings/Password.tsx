// PLACEHOLDER-PAGE: to be written.
export default function Password() {
  return <p>Password</p>;
}
