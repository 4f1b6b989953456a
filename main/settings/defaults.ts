import type { Settings } from '../contract';

export const DEFAULT_SETTINGS: Settings = {
  ollamaHost: '',
  chatModel: '',
  embeddingModel: '',
  letterhead: {
    authority: '',
    department: '',
    street: '',
    postalCode: '',
    city: '',
    contactPerson: '',
    phone: '',
    email: '',
    website: '',
    openingHours: '',
    bankName: '',
    iban: '',
    bic: '',
    land: '',
    administrativeCourt: '',
    dpoContact: '',
    retention: '',
    signatureMode: 'signed',
  },
};
