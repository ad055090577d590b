import type { WineCategory } from '../../events/wine-shop.js';

/**
 * Word lists for the wine-shop catalogue, by category. Houses take a French surname from faker;
 * these lists supply the appellations and cuvées a caviste would actually shelve.
 */
export interface CategoryStyle {
  readonly emoji: string;
  /** Share of the catalogue in this category. */
  readonly weight: number;
  readonly houses: readonly string[];
  readonly labels: readonly string[];
  /** Price range in euros for one bottle. */
  readonly price: readonly [number, number];
  /** Whether the name ends with a vintage year. */
  readonly vintage: boolean;
  readonly bottleSizes: readonly number[];
}

const STILL_WINE_SIZES = [0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 0.375, 1.5, 1.5, 3];

export const CATEGORY_STYLES = {
  Rouge: {
    emoji: '🍷',
    weight: 40,
    houses: ['Château', 'Domaine', 'Clos', 'Château', 'Domaine'],
    labels: [
      'Margaux',
      'Pauillac',
      'Saint-Émilion Grand Cru',
      'Pomerol',
      'Saint-Julien',
      'Haut-Médoc',
      'Châteauneuf-du-Pape',
      'Gigondas',
      'Côtes du Rhône Villages',
      'Crozes-Hermitage',
      'Saint-Joseph',
      'Bourgogne Pinot Noir',
      'Gevrey-Chambertin',
      'Nuits-Saint-Georges',
      'Morgon',
      'Fleurie',
      'Cahors Malbec',
      'Madiran',
      'Chinon',
      'Merlot Tradition',
      'Syrah Réserve',
    ],
    price: [9, 480],
    vintage: true,
    bottleSizes: STILL_WINE_SIZES,
  },
  Blanc: {
    emoji: '🥂',
    weight: 25,
    houses: ['Domaine', 'Château', 'Clos'],
    labels: [
      'Chablis Premier Cru',
      'Meursault',
      'Puligny-Montrachet',
      'Sancerre',
      'Pouilly-Fumé',
      'Vouvray Sec',
      'Muscadet Sèvre et Maine',
      'Alsace Riesling',
      'Alsace Gewurztraminer',
      'Condrieu',
      'Graves Blanc',
      'Chardonnay Réserve',
      'Sauvignon Tradition',
    ],
    price: [8, 160],
    vintage: true,
    bottleSizes: STILL_WINE_SIZES,
  },
  Rosé: {
    emoji: '🌸',
    weight: 12,
    houses: ['Domaine', 'Château', 'Mas'],
    labels: [
      'Côtes de Provence',
      'Bandol Rosé',
      'Tavel',
      'Gris de Gris',
      'Coteaux d’Aix-en-Provence',
      'Rosé de Loire',
    ],
    price: [7, 45],
    vintage: true,
    bottleSizes: [0.75, 0.75, 0.75, 0.75, 1.5],
  },
  Effervescent: {
    emoji: '🍾',
    weight: 13,
    houses: ['Maison'],
    labels: [
      'Champagne Brut Impérial',
      'Champagne Brut Réserve',
      'Champagne Blanc de Blancs',
      'Champagne Rosé Brut',
      'Champagne Extra Brut',
      'Crémant de Loire',
      'Crémant d’Alsace',
      'Crémant de Bourgogne',
      'Blanquette de Limoux',
    ],
    price: [12, 260],
    vintage: false,
    bottleSizes: [0.75, 0.75, 0.75, 0.75, 0.375, 1.5, 3],
  },
  Spiritueux: {
    emoji: '🥃',
    weight: 10,
    houses: ['Distillerie', 'Maison'],
    labels: [
      'Cognac VSOP',
      'Cognac XO',
      'Armagnac Hors d’Âge',
      'Calvados Pays d’Auge',
      'Marc de Bourgogne',
      'Rhum Agricole Vieux',
      'Whisky Tourbé',
      'Eau-de-vie de Poire Williams',
    ],
    price: [25, 220],
    vintage: false,
    bottleSizes: [0.7],
  },
} as const satisfies Record<WineCategory, CategoryStyle>;

export const WAREHOUSES = [
  'Entrepôt Paris Nord',
  'Entrepôt Lyon Sud',
  'Entrepôt Bordeaux Lac',
  'Entrepôt Marseille Est',
] as const;

/** Reasons shown to people in INVENTORY_ADJUSTED, by adjustment type. */
export const ADJUSTMENT_REASONS = {
  RESTOCK: ['Réapprovisionnement hebdomadaire', 'Livraison fournisseur', 'Réassort avant rupture'],
  SALE: ['Vente salon des vins', 'Vente aux professionnels (CHR)', 'Vente en boutique hors caisse'],
  LOSS: ['Casse en entrepôt', 'Bouchon défectueux', 'Bouteille endommagée au transport'],
  CORRECTION: ['Écart d’inventaire', 'Correction après comptage', 'Erreur de saisie corrigée'],
} as const;

/** Reason used when an order found too little stock and a restock had to come first. */
export const URGENT_RESTOCK_REASON = 'Réassort urgent avant commande';
