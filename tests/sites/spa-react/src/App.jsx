import { useEffect, useState } from "react";
import { Link, NavLink, Route, Routes } from "react-router";
import { email, phone, whatsapp } from "./contacts.js";

function Page({ title, children }) {
  useEffect(() => {
    document.title = `${title} · Kestrel Optics`;
  }, [title]);
  return children;
}

function Home() {
  return (
    <Page title="Glasses and eye tests">
      <h1>Kestrel Optics</h1>
      <p>Eye tests, glasses and contact lenses in Utrecht.</p>
    </Page>
  );
}

function About() {
  return (
    <Page title="About us">
      <h1>About us</h1>
      <p>Three opticians, one workshop, since 2004.</p>
    </Page>
  );
}

function Faq() {
  const address = email("lenses");
  return (
    <Page title="Questions">
      <h1>Questions</h1>
      <p>
        Can I reorder my lenses? Yes: write to <a href={`mailto:${address}`}>{address}</a>.
      </p>
    </Page>
  );
}

function Contact() {
  const address = email("info");
  const [sent, setSent] = useState(false);
  const send = (event) => {
    event.preventDefault();
    fetch(`${import.meta.env.BASE_URL}api/contact`, { method: "POST", body: new FormData(event.target) });
    setSent(true);
  };
  return (
    <Page title="Contact">
      <h1>Contact us</h1>
      <p>
        Call <a href={phone.href}>{phone.shown}</a> or write to <a href={`mailto:${address}`}>{address}</a>.
      </p>
      <p>
        <a href={whatsapp}>Chat with us on WhatsApp</a>
      </p>
      {sent ? (
        <p>Thank you, we will answer within a day.</p>
      ) : (
        <form onSubmit={send}>
          <label>
            Name <input name="name" autoComplete="name" />
          </label>
          <label>
            Email <input type="email" name="email" autoComplete="email" />
          </label>
          <label>
            Message <textarea name="message" />
          </label>
          <button type="submit">Send</button>
        </form>
      )}
    </Page>
  );
}

function NotFound() {
  return (
    <Page title="Page not found">
      <h1>Page not found</h1>
      <p>
        Sorry, there is no such page. <Link to="/">Back home</Link>
      </p>
    </Page>
  );
}

export default function App() {
  return (
    <>
      <header>
        <nav>
          <NavLink to="/" end>
            Home
          </NavLink>{" "}
          <NavLink to="/about">About</NavLink> <NavLink to="/faq">FAQ</NavLink>{" "}
          <NavLink to="/contact">Contact</NavLink>
        </nav>
      </header>
      <main>
        <Routes>
          <Route index element={<Home />} />
          <Route path="about" element={<About />} />
          <Route path="faq" element={<Faq />} />
          <Route path="contact" element={<Contact />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
      <footer>Kestrel Optics · Oudegracht 12, Utrecht</footer>
    </>
  );
}
