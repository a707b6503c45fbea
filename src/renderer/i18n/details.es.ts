// Spanish wording of the validation details the contract's schemas give in English (INVALID_INPUT's
// {{detail}}). A detail not listed here is shown as the station gave it.
import { CARD_NUMBER_MESSAGE, CONTROL_MESSAGE } from '../../shared/text';

export const DETAILS_ES: Record<string, string> = {
  "The admin's PIN is 6 to 8 digits.": 'El PIN del administrador tiene de 6 a 8 dígitos.',
  'Give the full path of the file.': 'Indique la ruta completa del archivo.',
  'Give the city’s name.': 'Indique el nombre de la ciudad.',
  'A time zone such as America/Chicago.': 'Una zona horaria como America/Chicago.',
  'The hub address is a web address such as https://hub.city.local:8450': 'La dirección del servidor es una dirección web como https://hub.city.local:8450',
  'A station ID is 2 to 8 capital letters or digits.': 'El ID de la estación tiene de 2 a 8 letras mayúsculas o dígitos.',
  'Unknown time zone.': 'Zona horaria desconocida.',
  'The enrolment code is 12 letters and digits, e.g. ABCD-EFGH-JKLM (36 when it carries the hub’s fingerprint).': 'El código de inscripción tiene 12 letras y dígitos, p. ej. ABCD-EFGH-JKLM (36 si lleva la huella del servidor).',
  'A user ID is 2 to 32 lower-case letters, digits, dots, dashes or underscores.': 'El usuario tiene de 2 a 32 letras minúsculas, dígitos, puntos, guiones o guiones bajos.',
  'A PIN is 4 to 8 digits.': 'El PIN tiene de 4 a 8 dígitos.',
  'Please give a reason (at least 3 characters).': 'Indique un motivo (al menos 3 caracteres).',
  'Each request needs a client-generated UUID.': 'Cada solicitud necesita un identificador generado por el cliente.',
  'An account number has letters, digits and dashes only.': 'Un número de cuenta solo tiene letras, dígitos y guiones.',
  'Enter a count.': 'Ingrese una cantidad.',
  'Counts are whole pieces.': 'Las cantidades son piezas enteras.',
  'A count cannot be negative.': 'Una cantidad no puede ser negativa.',
  'That count is too large: check the keying.': 'Esa cantidad es demasiado grande: revise lo tecleado.',
  'A routing number is 9 digits.': 'El número de ruta tiene 9 dígitos.',
  'A bank account number is 4 to 17 digits.': 'El número de cuenta bancaria tiene de 4 a 17 dígitos.',
  'A check number is 1 to 15 digits.': 'El número de cheque tiene de 1 a 15 dígitos.',
  'Only the last 4 digits of the card.': 'Solo los últimos 4 dígitos de la tarjeta.',
  'The authorisation code is 1 to 12 letters or digits.': 'El código de autorización tiene de 1 a 12 letras o dígitos.',
  'Add at least one line.': 'Agregue al menos una línea.',
  'Add at least one tender.': 'Agregue al menos una forma de pago.',
  'Enter an amount in cents.': 'Ingrese un importe.',
  'Amounts are whole cents: no fractions of a cent.': 'Los importes son centavos enteros: sin fracciones de centavo.',
  'Amount cannot be negative.': 'El importe no puede ser negativo.',
  'Amount is too large: check the keying.': 'El importe es demasiado grande: revise lo tecleado.',
  'Amount must be more than zero.': 'El importe debe ser mayor que cero.',
  'enter the amount to pay': 'ingrese el importe a pagar',
  'this fee comes to nothing: remove the line': 'este cargo es cero: quite la línea',
  'counts are whole, non-negative pieces': 'las cantidades son piezas enteras, no negativas',
  'Too small: expected string to have >=1 characters': 'no puede quedar vacío',
  'Idle minutes: 0 (never) to 120.': 'Minutos sin uso: de 0 (nunca) a 120.',
  'Invalid input': 'dato no válido',
  [CONTROL_MESSAGE]: 'Este texto tiene un carácter de control (un código de tecla invisible): vuelva a escribirlo sin él.',
  [CARD_NUMBER_MESSAGE]: 'Nunca ingrese aquí un número de tarjeta.',
  'Enter the bag/seal number.': 'Ingrese el número de bolsa o precinto.',
};

/** Words the station puts in error parameters (tender kinds, fee inputs), as each language says them. */
export const PARAM_WORDS: Record<'en' | 'es', Record<string, string>> = {
  en: { quantity: 'the quantity', baseCents: 'the base amount', monthsPastDue: 'the months past due' },
  es: {
    check: 'cheque', Check: 'Cheque', 'money order': 'giro postal', 'Money order': 'Giro postal', card: 'tarjeta', Card: 'Tarjeta',
    'other tender': 'otra forma de pago', 'Other tender': 'Otra forma de pago',
    quantity: 'la cantidad', baseCents: 'el importe base', monthsPastDue: 'los meses de atraso',
    employees: 'empleados', 'sq ft': 'pies cuadrados', 'utility charges': 'cargos de servicios públicos',
  },
};
