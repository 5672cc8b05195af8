// Contacts are joined at run time, so the built bundle holds none of them as written:
// only a rendered route shows them. The joining goes through a callback because the
// minifier folds `[...].join(...)` of constants back into one literal string.
const joined = (parts, separator) => parts.reduce((text, part) => text + separator + part);

const domain = joined(["kestrel-optics", "nl"], ".");

export const email = (user) => joined([user, domain], "@");

const phoneParts = ["+31", "20", "794", "6012"];
export const phone = { shown: joined(phoneParts, " "), href: `tel:${joined(phoneParts, "")}` };

export const whatsapp = `https://wa.me/${joined(["31", "6", "1234", "5678"], "")}`;
