import { DateTime } from 'luxon';
import type { Appointment } from './appointment.ts';
import { instantAt, localDateOf, type LocalDate } from './localTime.ts';
import { composeNik } from './nik.ts';
import { arrivalWindowsOn, closureOn, openingHoursOn, type OfficeConfig } from './office.ts';
import type { PriorityLaneId } from './laneIds.ts';

/**
 * A sample day of M-Paspor bookings for the training floor: invented but plausible citizens of a
 * Balinese office's hall, spread over every arrival window of the day within each lane's quota.
 * The same date always gives the same day, so a trainer's printed exercises stay valid.
 */

/** The office date a training session plays: the clock's date if the office opens then, else the next open day. */
export function trainingDate(office: OfficeConfig, instant: number): LocalDate {
  let date = localDateOf(instant, office.timeZone);
  for (let day = 0; day < 366; day += 1) {
    if (!closureOn(office, date) && arrivalWindowsOn(office, date).length > 0) return date;
    date = nextDate(date);
  }
  throw new Error('the office configuration opens on no day of the coming year');
}

/** Where a training session's clock starts: a few minutes before the office opens on its date. */
export function trainingStartsAt(office: OfficeConfig, date: LocalDate, minutesBefore = 10): number {
  const hours = openingHoursOn(office, date);
  if (!hours) throw new Error(`the office does not open on ${date}`);
  return instantAt(date, hours.open, office.timeZone) - minutesBefore * 60_000;
}

const nextDate = (date: LocalDate): LocalDate =>
  DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toISODate() as LocalDate;

/** A small seeded generator (mulberry32): the same seed gives the same day. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Sex = 'L' | 'P';
type Pick = <T>(items: readonly T[]) => T;

interface Community {
  weight: number;
  /** Where such a citizen's NIK was issued: a district code of Bali or of where the family comes from. */
  regions: readonly string[];
  name: (sex: Sex, pick: Pick) => string;
}

const baliRegions = [
  '517101',
  '517102',
  '517103',
  '517104',
  '510301',
  '510302',
  '510401',
  '510201',
  '510801',
];
/** Birth-order names: a first-born son is often Gede, a first-born daughter Luh. */
const balineseOrder = {
  L: ['Wayan', 'Putu', 'Gede', 'Made', 'Kadek', 'Nyoman', 'Komang', 'Ketut'],
  P: ['Wayan', 'Putu', 'Luh', 'Made', 'Kadek', 'Nyoman', 'Komang', 'Ketut'],
} as const;

const communities: readonly Community[] = [
  {
    weight: 44,
    regions: baliRegions,
    name: (sex, pick) => {
      const roll = pick([0, 0, 0, 0, 0, 0, 1, 2]);
      if (roll === 1)
        return sex === 'L'
          ? `${pick(['Ida Bagus', 'Anak Agung Gede', 'I Gusti Ngurah'])} ${pick(['Oka', 'Rai', 'Putra', 'Mantra'])} ${pick(['Wirawan', 'Suryawan', 'Pemayun', 'Adnyana'])}`
          : `${pick(['Ida Ayu', 'Anak Agung Ayu', 'I Gusti Ayu'])} ${pick(['Putu', 'Made', 'Kade'])} ${pick(['Sri Laksmi', 'Pradnyani', 'Sawitri', 'Candra Dewi'])}`;
      if (roll === 2)
        return sex === 'L'
          ? `Made ${pick(['Sukarta', 'Wirata', 'Budiarsa'])}`
          : `Luh ${pick(['Sukerti', 'Wiranti', 'Ayu Manik'])}`;
      const given =
        sex === 'L'
          ? pick([
              'Sudarsana',
              'Artawan',
              'Suarjana',
              'Budiasa',
              'Mertayasa',
              'Sukerta',
              'Arimbawa',
              'Darmayasa',
              'Adi Saputra',
              'Eka Pranata',
              'Sudiarta',
              'Wiradana',
            ])
          : pick([
              'Ayu Lestari',
              'Suartini',
              'Ariani',
              'Puspita Dewi',
              'Sukarmi',
              'Yuliantari',
              'Sumiarti',
              'Eka Pratiwi',
              'Widiastuti',
              'Ratna Sari',
              'Juliadewi',
              'Sri Handayani',
            ]);
      return `${sex === 'L' ? 'I' : 'Ni'} ${pick(balineseOrder[sex])} ${given}`;
    },
  },
  {
    weight: 20,
    regions: ['357801', '357802', '337401', '340101', '350701', ...baliRegions],
    name: (sex, pick) =>
      sex === 'L'
        ? pick([
            'Budi Santoso',
            'Joko Susilo',
            'Agus Setiawan',
            'Bambang Haryanto',
            'Slamet Riyadi',
            'Eko Prasetyo',
            'Sutrisno',
            'Hadi Purnomo',
            'Dwi Cahyono',
            'Teguh Wibowo',
            "Ahmad Rifa'i",
            "Muhammad Ma'ruf",
            "Ja'far Shodiq",
            "Abdul Mu'iz",
          ])
        : pick([
            'Siti Rahayu',
            'Sri Mulyani',
            'Endang Sulistyowati',
            'Tri Wahyuningsih',
            'Rini Puspitasari',
            'Suparmi',
            'Dewi Kusumawati',
            'Lestari Handayani',
            "Nur Sa'adah",
            "Siti Ni'matul Khoiriyah",
            "Fatimatuz Zahro'",
            'Umi Kulsum',
          ]),
  },
  {
    weight: 10,
    regions: ['121201', '127101', '120701', ...baliRegions],
    name: (sex, pick) =>
      `${sex === 'L' ? pick(['Hotman', 'Parulian', 'Martua', 'Tigor', 'Benget', 'Sahat', 'Ronald', 'Togar']) : pick(['Rosmawati', 'Lamria', 'Tiurma', 'Romauli', 'Sondang', 'Dame', 'Rumondang', 'Nurhayati'])} ${pick(['Sitompul', 'Siregar', 'Simanjuntak', 'Nainggolan', 'Hutapea', 'Pardede', 'Sinaga', 'Tambunan', 'Manurung', 'Harahap', 'Situmorang'])}`,
  },
  {
    weight: 9,
    regions: ['737101', '737102', '731101', '732201', ...baliRegions],
    name: (sex, pick) =>
      sex === 'L'
        ? pick([
            'Andi Muhammad Arif',
            'Andi Baso Tenri',
            'Andi Rahman Daeng Mattiro',
            'Muhammad Syahrir',
            'Andi Ikhsan Pallawa',
            'La Ode Hamzah',
            'Muh. Nasrullah',
            'Andi Irwan Mappasessu',
          ])
        : pick([
            'Andi Tenri Ajeng',
            'Andi Besse Tenriawaru',
            'Hasnawati',
            'Nurul Ilmi',
            'Andi Nurhayati',
            'St. Aisyah Daeng Ngai',
            'Besse Kamariah',
            'Andi Sitti Nurbaya',
          ]),
  },
  {
    weight: 10,
    regions: ['317301', '317101', '357805', '127102', ...baliRegions],
    name: (sex, pick) =>
      sex === 'L'
        ? pick([
            'Hendra Wijaya',
            'Stefanus Gunawan',
            'Yohanes Tanoto',
            'Kevin Halim',
            'Andreas Santoso',
            'Rudy Hartono Kusuma',
            'Lie Kian Hong',
            'Tan Bun Seng',
            'Ferdinand Salim',
            'Budi Tjahjadi',
          ])
        : pick([
            'Lily Kusuma',
            'Mei Ling Wijaya',
            'Jessica Tanujaya',
            'Linda Susanti Halim',
            'Yenny Salim',
            'Oei Siok Lan',
            'Fransiska Tjandra',
            'Go Giok Lian',
            'Vivian Setiadi',
            'Melinda Gunawan',
          ]),
  },
  {
    weight: 7,
    regions: ['520101', '527101', '520301', ...baliRegions],
    name: (sex, pick) =>
      sex === 'L'
        ? `Lalu ${pick(['Muhammad Zaini', 'Ahmad Sahnan', 'Wirajaya', "Ma'arif Hidayat"])}`
        : `Baiq ${pick(['Nurul Hidayati', 'Laila Fitriani', 'Rina Marlina', "Sa'diyah"])}`,
  },
];

const kinds: readonly Appointment['applicationKind'][] = [
  ...Array<Appointment['applicationKind']>(11).fill('baru'),
  ...Array<Appointment['applicationKind']>(6).fill('habis_berlaku'),
  'halaman_penuh',
  'hilang',
  'rusak',
];
const phonePrefixes = ['0812', '0813', '0821', '0822', '0852', '0853', '0857', '0877', '0878', '0896'];

/** Who books each lane, and how old they are on the day. */
const laneProfiles: Record<Appointment['lane'], { ages: [number, number]; sex?: Sex }> = {
  regular: { ages: [18, 59] },
  lansia: { ages: [60, 82] },
  disabilitas: { ages: [19, 70] },
  hamil: { ages: [21, 39], sex: 'P' },
  balita: { ages: [22, 41] },
};

/** Bookings per window and lane: a busy morning that thins out after lunch, never above quota. */
function demand(office: OfficeConfig, windows: number): { lane: Appointment['lane']; counts: number[] }[] {
  const quota = (id: Appointment['lane']) => office.lanes.find((l) => l.id === id)?.quotaPerWindow ?? 0;
  const perWindow = (want: (i: number) => number, id: Appointment['lane']) =>
    Array.from({ length: windows }, (_, i) => Math.max(0, Math.min(quota(id), want(i))));
  const load = (i: number) => 0.82 - (windows > 1 ? (0.3 * i) / (windows - 1) : 0);
  return [
    { lane: 'regular', counts: perWindow((i) => Math.round(quota('regular') * load(i)), 'regular') },
    { lane: 'lansia', counts: perWindow((i) => 1 + (i % 2), 'lansia') },
    { lane: 'disabilitas', counts: perWindow((i) => (i % 3 === 0 ? 1 : 0), 'disabilitas') },
    { lane: 'hamil', counts: perWindow((i) => (i % 4 === 1 ? 1 : 0), 'hamil') },
    { lane: 'balita', counts: perWindow((i) => (i % 3 === 1 ? 1 : 0), 'balita') },
  ];
}

/** The day's bookings for `date` at this office, in window order; none on a day it is shut. */
export function sampleDay(office: OfficeConfig, date: LocalDate): Appointment[] {
  const windows = closureOn(office, date) ? [] : arrivalWindowsOn(office, date);
  const next = random(Number(date.replace(/-/g, '')));
  const pick: Pick = (items) => items[Math.floor(next() * items.length)] as (typeof items)[number];
  const totalWeight = communities.reduce((sum, c) => sum + c.weight, 0);
  const community = (): Community => {
    let roll = next() * totalWeight;
    for (const c of communities) if ((roll -= c.weight) < 0) return c;
    return communities[0] as Community;
  };
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  const lanes = demand(office, windows.length);
  const appointments: Appointment[] = [];
  const used = new Set<string>();

  windows.forEach((window, w) => {
    for (const { lane, counts } of lanes) {
      for (let n = 0; n < (counts[w] ?? 0); n += 1) {
        const serial = appointments.length + 1;
        const profile = laneProfiles[lane];
        const sex: Sex = profile.sex ?? (next() < 0.5 ? 'L' : 'P');
        // Nobody shares a name with someone else that day: a trainee calling "Ni Made Ayu" must mean one person.
        let from = community();
        let fullName = from.name(sex, pick);
        for (let attempt = 0; attempt < 50 && used.has(fullName); attempt += 1) {
          from = community();
          fullName = from.name(sex, pick);
        }
        used.add(fullName);
        // A few children among the regular bookings: they travel too, on a five-year passport.
        const child = lane === 'regular' && next() < 0.06;
        const age = child
          ? 6 + Math.floor(next() * 11)
          : profile.ages[0] + Math.floor(next() * (profile.ages[1] - profile.ages[0] + 1));
        const birthDate = day
          .minus({ years: age, days: 1 + Math.floor(next() * 360) })
          .toISODate() as LocalDate;
        appointments.push({
          bookingCode: `LAT-${date.slice(2).replace(/-/g, '')}-${String(serial).padStart(3, '0')}`,
          nik: composeNik(pick(from.regions), birthDate, sex, serial),
          fullName,
          birthDate,
          sex,
          phone: `${pick(phonePrefixes)}${String(Math.floor(next() * 1e8)).padStart(8, '0')}`,
          applicationKind: child ? 'baru' : pick(kinds),
          passportType: next() < 0.65 ? 'elektronik' : 'biasa',
          validityYears: child ? 5 : 10,
          appointmentDate: date,
          windowStart: window.start,
          windowEnd: window.end,
          lane: lane as 'regular' | PriorityLaneId,
        });
      }
    }
  });
  return appointments;
}
