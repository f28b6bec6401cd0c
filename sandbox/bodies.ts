// Message bodies. The mix is deliberately awkward for a dashboard: multi-part texts,
// emoji, right-to-left scripts, commas/quotes/newlines (CSV export), and a few hostile
// strings (HTML injection, spreadsheet formula injection) that must be shown inertly.
import { weightedPicker, type Rng } from "./hash";

const NAMES = [
  "Olivia",
  "Jack",
  "Aroha",
  "Seán",
  "Zoë",
  "Noah",
  "Mia",
  "José",
  "Priya",
  "Liam",
  "Chloé",
  "Mohammed",
  "Ngaio",
  "Wei",
  "Fatima",
];
const PLACES = [
  "Acme Dental",
  "City Gym",
  "Harbour Clinic",
  "Pizza Hub",
  "Bright Smiles",
  "Kiwi Post",
  "Northside Vets",
  "The Book Nook",
];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const TIMES = ["9:15am", "10:30am", "11:00am", "1:45pm", "2:00pm", "3:30pm", "4:45pm"];
const SERVICES = ["car service", "WOF inspection", "dental check-up", "eye test", "flu shot"];
const SLUG_CHARS = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function digits(rng: Rng, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += String(rng.int(10));
  return out;
}

function slug(rng: Rng): string {
  let out = "";
  for (let i = 0; i < 5; i++) out += SLUG_CHARS[rng.int(SLUG_CHARS.length)] ?? "x";
  return out;
}

function placeholder(key: string, rng: Rng): string {
  switch (key) {
    case "name":
      return rng.pick(NAMES);
    case "place":
      return rng.pick(PLACES);
    case "day":
      return rng.pick(DAYS);
    case "time":
      return rng.pick(TIMES);
    case "service":
      return rng.pick(SERVICES);
    case "code":
      return digits(rng, 6);
    case "num":
      return String(10000 + rng.int(990000));
    case "slug":
      return slug(rng);
    case "amount":
      return `${1 + rng.int(400)}.${digits(rng, 2)}`;
    default:
      return key;
  }
}

// Templates split once into [text, key, text, key, ...]: String#replace with a callback
// allocates a closure per message, which is measurable when building 1000-message pages.
const splitCache = new Map<string, string[]>();

/** Replaces {placeholders} with random but plausible values. */
function fill(template: string, rng: Rng): string {
  let pieces = splitCache.get(template);
  if (!pieces) {
    pieces = template.split(/\{(\w+)\}/);
    splitCache.set(template, pieces);
  }
  let out = "";
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? "";
    out += i % 2 === 0 ? piece : placeholder(piece, rng);
  }
  return out;
}

const PLAIN = [
  "Hi {name}, your appointment with {place} is confirmed for {day} at {time}. Reply C to confirm.",
  "Your verification code is {code}. It expires in 10 minutes.",
  "{place}: your order #{num} has been dispatched and will arrive on {day}.",
  "Reminder: your {service} is due. Book online at https://qwt5.me/{slug}",
  "Test Message {num}",
  "Thanks for visiting {place}! Rate us: https://qwt5.me/{slug} Reply STOP to opt out",
  "Payment of ${amount} received. Thank you!",
  "Hi {name}, your table at {place} is booked for {time} tonight. See you soon",
  "{code} is your {place} login code. Never share it with anyone.",
  "Your parcel is waiting at {place}. Collect it before {day} 5pm.",
];

const LONG = [
  "Dear {name}, we are writing to let you know that our terms and conditions will change on " +
    "{day}. The new terms cover how we store appointment history, how reminders are sent and " +
    "how you can ask us to delete your data. Read them at https://qwt5.me/{slug} or reply HELP " +
    "and a member of the {place} team will call you back. Reply STOP to opt out.",
  "Hi {name}! Big news from {place}: from {day} we open 7 days a week, 7am to 9pm, with free " +
    "parking for members. Bring a friend this month and you both get 2 weeks free [conditions " +
    "apply]. Prices from €9.99 per week. Questions? Reply to this message or visit " +
    "https://qwt5.me/{slug} to see the full timetable, class list, trainer bios and the new " +
    "recovery zone with sauna, ice baths and massage chairs. Reply STOP to opt out.",
  "{place} update: your {service} on {day} at {time} needs a quick pre-visit form so we can " +
    "keep your visit short. It takes about 2 minutes: https://qwt5.me/{slug} Thank you, {name}!",
];

const UNICODE = [
  "Olá {name}! A sua encomenda nº {num} já foi enviada 📦",
  "مرحبا {name}، تم تأكيد موعدك يوم الأحد الساعة 10 صباحا",
  "שלום! ההזמנה שלך מספר {num} מוכנה לאיסוף",
  "Café crème à 2€ — ça vous dit ? 😊",
  "Kia ora {name}! Ngā mihi for booking with {place} 🙏",
  "您的验证码是 {code}，请勿泄露。",
  "🎉🎉 Flash sale at {place}! 30% off everything today only 🛍️",
  "Zoë & Seán: your tickets for Café Müller are ready ✅",
  "Hola {name}, ¿confirmas tu cita del {day} a las {time}? Responde SÍ o NO. Gracias 🙂 — " +
    "{place}. Si necesitas cambiarla, llámanos o escribe aquí mismo.",
];

const PUNCTUATION = [
  'Your code is "{code}", valid for 10 minutes, do not share it.',
  "Line one\nLine two\nLine three",
  "Dear customer,\r\nyour invoice #{num} is ready.\r\nThanks, {place}",
  'He said "hello, world" and left',
  "Delivery window: 9am-12pm, Mon, {day}.\nQuestions? Reply HELP",
  'Quote: "5" x "7", total 35,00, ok?',
  "Name,Amount,Due\r\n{name},{amount},{day}",
];

const HOSTILE = [
  "<img src=x onerror=alert(1)>",
  '=HYPERLINK("http://x")',
  "+SUM(1,2)",
  "-1+2",
  "@cmd",
  '<script>alert("xss")</script>',
  "=cmd|' /C calc'!A0",
  "'; DROP TABLE messages; --",
  "Invoice \u202Efdp.exe",
];

type Kind = "plain" | "long" | "unicode" | "punctuation" | "hostile";

const pickKind = weightedPicker<Kind>([
  ["plain", 6500],
  ["long", 1000],
  ["unicode", 1200],
  ["punctuation", 1000],
  ["hostile", 300],
]);

const LISTS: Record<Kind, readonly string[]> = {
  plain: PLAIN,
  long: LONG,
  unicode: UNICODE,
  punctuation: PUNCTUATION,
  hostile: HOSTILE,
};

/** Body of an outgoing (MT) message not tied to a campaign. */
export function mtBody(rng: Rng): string {
  return fill(rng.pick(LISTS[pickKind(rng.next())]), rng);
}

const CAMPAIGN_TEMPLATES = [
  "{place}: Spring sale starts now! 20% off with code SPRING20. Shop: https://qwt5.me/{slug} " +
    "Opt out: reply STOP",
  "Hi {name}, it's time for your annual check-up at {place}. Book at https://qwt5.me/{slug} " +
    "or reply STOP to opt out.",
  "🎄 Merry Christmas from {place}! Enjoy 25% off — code XMAS25 🎁 Reply STOP to opt out",
  "Reminder: your {service} is due. Reply YES to book, STOP to opt out.",
  "{place} alert: scheduled maintenance tonight 11pm-2am. We apologise for any inconvenience.",
  "Hi {name}, {place} newsletter: new menu, longer hours and a loyalty card that finally " +
    "works. Show this text for a free coffee on {day}. Details: https://qwt5.me/{slug} " +
    "Reply STOP to opt out.",
];

export const CAMPAIGN_COUNT = CAMPAIGN_TEMPLATES.length;

/** Body of a campaign message: every message of a campaign shares its template. */
export function campaignBody(campaign: number, rng: Rng): string {
  return fill(CAMPAIGN_TEMPLATES[campaign % CAMPAIGN_COUNT] ?? PLAIN[0] ?? "", rng);
}

const STOP_REPLIES = ["STOP", "Stop", "stop", "STOP ALL", "Unsubscribe", "STOP please"];
const OTHER_REPLIES = [
  "YES",
  "Yes",
  "Y",
  "C",
  "No thanks",
  "Thanks!",
  "Can I move it to 3pm?",
  "Who is this?",
  "👍",
  "Ok 👌",
  "شكرا",
  "תודה רבה",
  "Merci, à demain !",
  "Running 10 mins late, sorry",
  "HELP",
  'She said "yes", see you then',
  "Sorry, wrong number\nPlease remove me from your list",
  "Hi, I booked for Saturday but now I can't make it because my daughter has a school event " +
    "in the morning and I won't be back until after lunch. Could we do the following week " +
    "instead, any time after 2pm? Thanks so much, really appreciate it.",
];

/** Body of an incoming (MO) message; about a fifth are opt-out keywords. */
export function moBody(rng: Rng): string {
  return rng.chance(0.2) ? rng.pick(STOP_REPLIES) : rng.pick(OTHER_REPLIES);
}

/** True for the opt-out keywords handsets send (what triggers an "MO" opt-out). */
export function isStopBody(body: string): boolean {
  return /^\s*(?:stop|unsubscribe)\b/i.test(body);
}
