// PLACEHOLDER-PAGE: to be written.
export default function SignUp() {
  return <p>SignUp</p>;
}
