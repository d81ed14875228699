/**
 * Invented names for synthetic patients and staff. Accents and compound names are deliberate: the
 * patient search folds them, and a benchmark should exercise that.
 */
export const GIVEN_NAMES_FEMALE = [
  'Ada', 'Agnès', 'Aiko', 'Alba', 'Alma', 'Amara', 'Ana', 'Anna', 'Astrid', 'Beatriz', 'Brigitte',
  'Camille', 'Carmen', 'Chiara', 'Chloé', 'Clara', 'Dagny', 'Dolores', 'Elena', 'Éloïse', 'Emma',
  'Esther', 'Eva', 'Fatima', 'Freya', 'Gabriela', 'Greta', 'Hana', 'Helena', 'Ingrid', 'Irene',
  'Isabel', 'Jana', 'Joana', 'Júlia', 'Karin', 'Leila', 'Lena', 'Lucía', 'Maja', 'Marie', 'Marta',
  'Mei', 'Mira', 'Nadia', 'Noémie', 'Olga', 'Paula', 'Priya', 'Rosa', 'Sara', 'Signe', 'Sofía',
  'Søren', 'Tereza', 'Ursula', 'Valentina', 'Yuki', 'Zoë', 'Zsófia',
] as const;

export const GIVEN_NAMES_MALE = [
  'Aarav', 'Adrián', 'Ahmed', 'Aksel', 'Alejandro', 'André', 'Antoine', 'Arjun', 'Bartosz', 'Björn',
  'Bruno', 'Carlos', 'Cem', 'Daniel', 'David', 'Diego', 'Dmitri', 'Élie', 'Emil', 'Erik', 'Felipe',
  'Finn', 'François', 'Gustav', 'Hamid', 'Hans', 'Hiroshi', 'Ibrahim', 'Igor', 'Jakub', 'Jan',
  'Javier', 'Jens', 'Jiří', 'João', 'José', 'Jun', 'Karl', 'Kenji', 'Lars', 'Luca', 'Lukas',
  'Marco', 'Mateo', 'Mehmet', 'Miguel', 'Mikkel', 'Nicolás', 'Nils', 'Olav', 'Omar', 'Pablo',
  'Pedro', 'Rafael', 'Raúl', 'Samuel', 'Stefan', 'Tomás', 'Viktor', 'Wei',
] as const;

export const FAMILY_NAMES = [
  'Abe', 'Acosta', 'Adeyemi', 'Ahmadi', 'Almeida', 'Álvarez', 'Andersen', 'Antonelli', 'Bakker',
  'Balogun', 'Barros', 'Becker', 'Bergström', 'Bianchi', 'Blanc', 'Bogdan', 'Brandt', 'Brown',
  'Caron', 'Carvalho', 'Castro', 'Chen', 'Costa', 'Cruz', 'Dahl', 'Da Silva', 'De Jong', 'Delgado',
  'Demir', 'Dias', 'Dubois', 'Dvořák', 'Eriksen', 'Esposito', 'Fernández', 'Ferreira', 'Fischer',
  'Fontaine', 'García', 'Gómez', 'González', 'Gray', 'Grünewald', 'Gupta', 'Haddad', 'Hansen',
  'Hartmann', 'Hernández', 'Hoffmann', 'Horváth', 'Hughes', 'Ibáñez', 'Ito', 'Ivanova', 'Jansen',
  'Jensen', 'Johansson', 'Jovanović', 'Kaya', 'Keller', 'Khan', 'Kim', 'Kobayashi', 'Koch',
  'Kovács', 'Kowalski', 'Kumar', 'Larsen', 'Laurent', 'Lefèvre', 'Lehmann', 'Leone', 'Lindqvist',
  'López', 'Lund', 'Maier', 'Marino', 'Martín', 'Martínez', 'Meyer', 'Moreau', 'Morales', 'Müller',
  'Murphy', 'Nakamura', 'Navarro', 'Nguyen', 'Nielsen', 'Novák', 'Núñez', 'Nunez-Ortiz', "O'Brien",
  'Okafor', 'Olsen', 'Ortega', 'Özdemir', 'Papadopoulos', 'Patel', 'Peña', 'Pereira', 'Petrov',
  'Popescu', 'Quintero', 'Ramírez', 'Reyes', 'Ricci', 'Rodríguez', 'Romano', 'Rossi', 'Rousseau',
  'Ruiz', 'Saito', 'Sánchez', 'Santos', 'Sato', 'Schmidt', 'Schneider', 'Schulz', 'Silva', 'Singh',
  'Smith', 'Sørensen', 'Suzuki', 'Svensson', 'Szabó', 'Takahashi', 'Tanaka', 'Torres', 'Van Dijk',
  'Vargas', 'Vasquez', 'Vogel', 'Wagner', 'Walsh', 'Wang', 'Weber', 'Wójcik', 'Yamamoto', 'Yılmaz',
  'Zhang', 'Ziegler', 'Zimmermann',
] as const;
