/**
 * Synthetic names: Arabic names in Arabic script with the Latin spellings the same name takes
 * on documents, and French, Kurdish, Dari, Tigrinya, Congolese and Ukrainian names. Invented
 * combinations only; no real person is meant.
 */
export interface NameForms {
  readonly ar?: string;
  readonly latin: readonly string[];
}

export type NameGender = 'f' | 'm' | 'u';

export interface NamePool {
  readonly given: readonly (NameForms & { gender: NameGender })[];
  readonly family: readonly NameForms[];
}

const arabic: NamePool = {
  given: [
    { ar: 'محمد', latin: ['Mohammed', 'Muhammad', 'Mohamed', 'Mohamad'], gender: 'm' },
    { ar: 'أحمد', latin: ['Ahmed', 'Ahmad'], gender: 'm' },
    { ar: 'يوسف', latin: ['Youssef', 'Yusuf', 'Yousef'], gender: 'm' },
    { ar: 'خالد', latin: ['Khaled', 'Khalid'], gender: 'm' },
    { ar: 'عمر', latin: ['Omar', 'Umar', 'Oumar'], gender: 'm' },
    { ar: 'حسن', latin: ['Hassan', 'Hasan'], gender: 'm' },
    { ar: 'إبراهيم', latin: ['Ibrahim', 'Ebrahim', 'Brahim'], gender: 'm' },
    { ar: 'سمير', latin: ['Samir', 'Sameer'], gender: 'm' },
    { ar: 'علي', latin: ['Ali'], gender: 'm' },
    { ar: 'مصطفى', latin: ['Mustafa', 'Moustafa', 'Mostafa'], gender: 'm' },
    { ar: 'كريم', latin: ['Karim', 'Kareem'], gender: 'm' },
    { ar: 'طارق', latin: ['Tariq', 'Tarek'], gender: 'm' },
    { ar: 'فاطمة', latin: ['Fatima', 'Fatma', 'Fatimah'], gender: 'f' },
    { ar: 'عائشة', latin: ['Aisha', 'Aicha', 'Ayesha'], gender: 'f' },
    { ar: 'ليلى', latin: ['Layla', 'Leila', 'Laila'], gender: 'f' },
    { ar: 'زينب', latin: ['Zainab', 'Zaynab', 'Zeinab'], gender: 'f' },
    { ar: 'مريم', latin: ['Mariam', 'Maryam', 'Meriem'], gender: 'f' },
    { ar: 'رانيا', latin: ['Rania', 'Ranya'], gender: 'f' },
    { ar: 'سارة', latin: ['Sara', 'Sarah'], gender: 'f' },
    { ar: 'هدى', latin: ['Huda', 'Houda', 'Hoda'], gender: 'f' },
    { ar: 'ياسمين', latin: ['Yasmin', 'Yasmine'], gender: 'f' },
    { ar: 'رشا', latin: ['Rasha'], gender: 'f' },
    { ar: 'نور', latin: ['Nour', 'Noor', 'Nur'], gender: 'u' },
    { ar: 'أمل', latin: ['Amal'], gender: 'u' },
  ],
  family: [
    { ar: 'الحسن', latin: ['Al-Hassan', 'Alhasan', 'El Hassan'] },
    { ar: 'حداد', latin: ['Haddad', 'Hadad'] },
    { ar: 'الأحمد', latin: ['Al-Ahmad', 'Alahmad'] },
    { ar: 'خليل', latin: ['Khalil', 'Khaleel'] },
    { ar: 'درويش', latin: ['Darwish', 'Darwiche'] },
    { ar: 'سليمان', latin: ['Suleiman', 'Sleiman', 'Soliman'] },
    { ar: 'النجار', latin: ['Al-Najjar', 'Najjar'] },
    { ar: 'منصور', latin: ['Mansour', 'Mansur'] },
    { ar: 'حمدان', latin: ['Hamdan'] },
    { ar: 'عثمان', latin: ['Osman', 'Othman', 'Outhman'] },
    { ar: 'يونس', latin: ['Younes', 'Yunus', 'Younis'] },
    { ar: 'الشامي', latin: ['Al-Shami', 'Chami'] },
  ],
};

const french: NamePool = {
  given: [
    { latin: ['Marie'], gender: 'f' },
    { latin: ['Hélène'], gender: 'f' },
    { latin: ['Chloé'], gender: 'f' },
    { latin: ['Amélie'], gender: 'f' },
    { latin: ['Léa'], gender: 'f' },
    { latin: ['Jean'], gender: 'm' },
    { latin: ['François'], gender: 'm' },
    { latin: ['Théo'], gender: 'm' },
    { latin: ['Noël'], gender: 'm' },
    { latin: ['Camille'], gender: 'u' },
    { latin: ['Dominique'], gender: 'u' },
  ],
  family: [{ latin: ['Dubois'] }, { latin: ['Lefèvre'] }, { latin: ['Moreau'] }, { latin: ['Girard'] }, { latin: ['Martin'] }],
};

const other: NamePool = {
  given: [
    { latin: ['Rojda'], gender: 'f' },
    { latin: ['Berivan'], gender: 'f' },
    { latin: ['Zana'], gender: 'm' },
    { latin: ['Dilan'], gender: 'u' },
    { latin: ['Farhad'], gender: 'm' },
    { latin: ['Zahra', 'Zohra'], gender: 'f' },
    { latin: ['Habiba'], gender: 'f' },
    { latin: ['Nasir', 'Naser'], gender: 'm' },
    { latin: ['Tesfaye'], gender: 'm' },
    { latin: ['Selam'], gender: 'f' },
    { latin: ['Senait'], gender: 'f' },
    { latin: ['Mulugeta'], gender: 'm' },
    { latin: ['Grâce'], gender: 'f' },
    { latin: ['Mireille'], gender: 'f' },
    { latin: ['Blaise'], gender: 'm' },
    { latin: ['Oksana'], gender: 'f' },
    { latin: ['Dmytro'], gender: 'm' },
  ],
  family: [
    { latin: ['Ahmadi'] },
    { latin: ['Rahimi'] },
    { latin: ['Karimi'] },
    { latin: ['Gebre', 'Gebreyesus'] },
    { latin: ['Tekle'] },
    { latin: ['Haile'] },
    { latin: ['Mbuyi'] },
    { latin: ['Lukusa'] },
    { latin: ['Kovalenko'] },
    { latin: ['Shevchenko'] },
    { latin: ['Xelîl', 'Khalil'] },
  ],
};

export const ORIGINS = [
  { weight: 30, nationality: 'SY', pool: arabic, languages: ['ar'] },
  { weight: 10, nationality: 'IQ', pool: arabic, languages: ['ar', 'ku'] },
  { weight: 8, nationality: 'SD', pool: arabic, languages: ['ar'] },
  { weight: 6, nationality: 'YE', pool: arabic, languages: ['ar'] },
  { weight: 5, nationality: 'PS', pool: arabic, languages: ['ar'] },
  { weight: 12, nationality: 'AF', pool: other, languages: ['fa', 'ps'] },
  { weight: 9, nationality: 'ER', pool: other, languages: ['ti'] },
  { weight: 8, nationality: 'CD', pool: french, languages: ['fr', 'ln'] },
  { weight: 4, nationality: 'HT', pool: french, languages: ['fr', 'ht'] },
  { weight: 8, nationality: 'UA', pool: other, languages: ['uk', 'ru'] },
] as const;
export type Origin = (typeof ORIGINS)[number];
