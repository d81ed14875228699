import { OTHER_SIGNS } from './criteria';
import type { Code, ProtocolDefinition } from './protocol.types';

/*
 * Protocol `poems-dispenzieri`, version 1.
 *
 * Criteria and the diagnostic rule: Dispenzieri A. "How I treat POEMS syndrome."
 * Blood 2012;119(24):5650-5658, Table 1 (PMC3425020); restated without change in the
 * Am J Hematol updates "POEMS syndrome: update on diagnosis, risk-stratification and management"
 * 2019 (doi:10.1002/ajh.25495), 2021 (doi:10.1002/ajh.26240) and 2023 (doi:10.1002/ajh.27081).
 *
 * Catalog, coverage and codes: the project's domain reference (shared/domain/poems-workup.md §2),
 * which follows the work-up recommended in the same papers.
 *
 * Item priorities (the order of next tests) are the order version 2 publishes (§2b); version 1
 * workups were always ordered by it, so giving them as data here changes no verdict.
 */

const loinc = (code: string, display: string): Code => ({
  system: 'http://loinc.org',
  code,
  display,
});
const cpt = (code: string, display: string): Code => ({
  system: 'http://www.ama-assn.org/go/cpt',
  code,
  display,
});

/** The first version of the Mayo (Dispenzieri) criteria set and its workup catalog. */
export const POEMS_DISPENZIERI_V1: ProtocolDefinition = {
  key: 'poems-dispenzieri',
  version: 1,
  name: 'POEMS syndrome — Mayo (Dispenzieri) criteria',
  effectiveFrom: '2012-06-14',
  rule:
    'Criteria met when both mandatory major criteria, at least one other major criterion ' +
    'and at least one minor criterion are met.',
  criteria: [
    {
      key: 'polyneuropathy',
      name: 'Polyradiculoneuropathy',
      group: 'mandatory',
      whatCounts:
        'Typically demyelinating; clinical neuropathy with NCS/EMG findings.',
    },
    {
      key: 'monoclonal_plasma_cell_disorder',
      name: 'Monoclonal plasma cell-proliferative disorder',
      group: 'mandatory',
      whatCounts:
        'Almost always λ. Monoclonal protein on serum or urine immunofixation, or clonal plasma ' +
        'cells in marrow or a lesion biopsy. SPEP and free light chains support but do not establish it.',
    },
    {
      key: 'castleman_disease',
      name: 'Castleman disease',
      nameInText: 'Castleman disease',
      group: 'major',
      whatCounts: 'Lymph node histology.',
    },
    {
      key: 'sclerotic_bone_lesions',
      name: 'Sclerotic bone lesions',
      group: 'major',
      whatCounts: 'Sclerotic or mixed sclerotic/lytic lesions on imaging.',
    },
    {
      key: 'vegf_elevation',
      name: 'VEGF elevation',
      nameInText: 'VEGF elevation',
      group: 'major',
      whatCounts: "Serum or plasma VEGF above the specimen's cut-off.",
    },
    {
      key: 'organomegaly',
      name: 'Organomegaly',
      group: 'minor',
      whatCounts: 'Splenomegaly, hepatomegaly or lymphadenopathy.',
    },
    {
      key: 'extravascular_volume_overload',
      name: 'Extravascular volume overload',
      group: 'minor',
      whatCounts: 'Edema, pleural effusion or ascites.',
    },
    {
      key: 'endocrinopathy',
      name: 'Endocrinopathy',
      group: 'minor',
      whatCounts:
        'Adrenal, thyroid, pituitary, gonadal, parathyroid or pancreatic. Because of the high ' +
        'prevalence of diabetes mellitus and thyroid abnormalities, either alone does not meet ' +
        'this criterion (Table 1 footnote).',
    },
    {
      key: 'skin_changes',
      name: 'Skin changes',
      group: 'minor',
      whatCounts:
        'Hyperpigmentation, hypertrichosis, glomeruloid hemangiomata, plethora, acrocyanosis, ' +
        'flushing, white nails.',
    },
    {
      key: 'papilledema',
      name: 'Papilledema',
      group: 'minor',
      whatCounts: 'Fundoscopy.',
    },
    {
      key: 'thrombocytosis_polycythemia',
      name: 'Thrombocytosis / polycythemia',
      group: 'minor',
      whatCounts:
        "Platelets, hemoglobin or hematocrit above the laboratory's upper limit of normal.",
    },
  ],
  otherSigns: OTHER_SIGNS,
  items: [
    {
      key: 'emg_ncs',
      priority: 5,
      name: 'Nerve conduction studies + needle EMG',
      shortName: 'nerve conduction studies / EMG',
      kind: 'study',
      required: true,
      establishes: ['polyneuropathy'],
      supports: [],
      otherSigns: [],
      codes: [
        cpt('95907', 'Nerve conduction studies; 1-2 studies'),
        cpt('95908', 'Nerve conduction studies; 3-4 studies'),
        cpt('95909', 'Nerve conduction studies; 5-6 studies'),
        cpt('95910', 'Nerve conduction studies; 7-8 studies'),
        cpt('95911', 'Nerve conduction studies; 9-10 studies'),
        cpt('95912', 'Nerve conduction studies; 11-12 studies'),
        cpt('95913', 'Nerve conduction studies; 13 or more studies'),
        cpt(
          '95885',
          'Needle EMG, each extremity, limited, with NCS (series 95885-95887)',
        ),
        cpt('95886', 'Needle EMG, each extremity, complete, with NCS'),
        cpt('95887', 'Needle EMG, non-extremity muscles, with NCS'),
      ],
      inference: [],
      resultFields: [],
    },
    {
      key: 'neuro_exam',
      priority: 16,
      name: 'Neurological examination',
      shortName: 'neurological examination',
      kind: 'exam',
      required: true,
      establishes: [],
      supports: ['polyneuropathy'],
      otherSigns: [],
      codes: [],
      inference: [],
      resultFields: [],
    },
    {
      key: 'spep',
      priority: 15,
      name: 'Serum protein electrophoresis (M-spike)',
      shortName: 'serum protein electrophoresis',
      kind: 'lab',
      required: true,
      establishes: [],
      supports: ['monoclonal_plasma_cell_disorder'],
      otherSigns: [],
      codes: [loinc('33358-3', 'Protein.monoclonal [Mass/volume] in Serum or Plasma by Electrophoresis')],
      inference: ['m_spike'],
      resultFields: [],
      note: 'M-proteins in POEMS are often small: SPEP supports but never establishes the clone.',
    },
    {
      key: 'serum_ife',
      priority: 2,
      name: 'Serum immunofixation',
      shortName: 'serum immunofixation',
      kind: 'lab',
      required: true,
      establishes: ['monoclonal_plasma_cell_disorder'],
      supports: [],
      otherSigns: [],
      codes: [loinc('25700-6', 'Immunofixation for Serum')],
      inference: ['immunofixation_chain'],
      resultFields: ['chains'],
    },
    {
      key: 'urine_ife',
      priority: 3,
      name: '24-h urine protein electrophoresis + immunofixation',
      shortName: 'urine immunofixation',
      kind: 'lab',
      required: true,
      establishes: ['monoclonal_plasma_cell_disorder'],
      supports: [],
      otherSigns: [],
      codes: [loinc('13440-3', 'Immunofixation for Urine')],
      inference: ['immunofixation_chain'],
      resultFields: ['chains'],
    },
    {
      key: 'serum_flc',
      priority: 4,
      name: 'Serum free light chains κ, λ, κ/λ ratio',
      shortName: 'serum free light chains',
      kind: 'lab',
      required: true,
      establishes: [],
      supports: ['monoclonal_plasma_cell_disorder'],
      otherSigns: [],
      codes: [
        loinc('36916-5', 'Kappa light chains.free [Mass/volume] in Serum'),
        loinc('33944-0', 'Lambda light chains.free [Mass/volume] in Serum'),
        loinc(
          '48378-4',
          'Kappa light chains.free/Lambda light chains.free [Mass Ratio] in Serum',
        ),
      ],
      inference: ['free_light_chain_ratio'],
      resultFields: [],
    },
    {
      key: 'bone_marrow_biopsy',
      priority: 7,
      name: 'Bone marrow aspirate + biopsy (CD138, κ/λ, flow)',
      shortName: 'bone marrow biopsy',
      kind: 'procedure',
      required: true,
      establishes: ['monoclonal_plasma_cell_disorder'],
      supports: [],
      otherSigns: [],
      codes: [
        cpt('38222', 'Bone marrow biopsy(ies) and aspiration(s)'),
        cpt('38220', 'Bone marrow aspiration(s)'),
        cpt('38221', 'Bone marrow biopsy(ies)'),
        cpt(
          '88305',
          'Surgical pathology, gross and microscopic examination, level IV',
        ),
      ],
      inference: ['clonal_plasma_cells'],
      resultFields: ['chains'],
      note: 'Record the light chain of clonal plasma cells when restriction is shown.',
    },
    {
      key: 'vegf',
      priority: 1,
      name: 'VEGF, plasma preferred (specimen recorded)',
      shortName: 'VEGF',
      kind: 'lab',
      required: true,
      establishes: ['vegf_elevation'],
      supports: [],
      otherSigns: [],
      codes: [
        loinc(
          '75628-8',
          'Vascular endothelial growth factor [Mass/volume] in Serum or Plasma',
        ),
      ],
      inference: ['vegf_by_specimen'],
      resultFields: ['specimen', 'confounders'],
      note:
        'Never compare across specimens. Serum runs far higher than plasma because platelets ' +
        'release VEGF on clotting; record confounders (recent acute illness, iron deficiency, ' +
        'COPD, sleep apnoea, malignancy).',
    },
    {
      key: 'cbc',
      priority: 8,
      name: 'Complete blood count with differential',
      shortName: 'complete blood count',
      kind: 'lab',
      required: true,
      establishes: ['thrombocytosis_polycythemia'],
      supports: [],
      otherSigns: [],
      codes: [
        loinc('777-3', 'Platelets [#/volume] in Blood by Automated count'),
        loinc('718-7', 'Hemoglobin [Mass/volume] in Blood'),
        loinc(
          '4544-3',
          'Hematocrit [Volume Fraction] of Blood by Automated count',
        ),
      ],
      inference: ['cbc_upper_limits'],
      resultFields: [],
    },
    {
      key: 'bone_imaging',
      priority: 6,
      name: 'Skeletal imaging: low-dose whole-body CT, PET/CT or skeletal survey (modality recorded)',
      shortName: 'skeletal imaging',
      kind: 'imaging',
      required: true,
      establishes: ['sclerotic_bone_lesions'],
      supports: ['organomegaly', 'extravascular_volume_overload'],
      otherSigns: [],
      codes: [],
      inference: ['bone_lesions', 'recorded_signs'],
      resultFields: ['modality', 'lesions', 'signs'],
    },
    {
      key: 'body_imaging',
      priority: 10,
      name: 'CT chest/abdomen/pelvis or abdominal ultrasound',
      shortName: 'body imaging',
      kind: 'imaging',
      required: true,
      establishes: ['organomegaly', 'extravascular_volume_overload'],
      supports: [],
      otherSigns: [],
      codes: [],
      inference: ['recorded_signs'],
      resultFields: ['modality', 'signs'],
    },
    {
      key: 'endocrine_panel',
      priority: 9,
      name: 'Endocrine panel',
      shortName: 'endocrine panel',
      kind: 'lab',
      required: true,
      establishes: ['endocrinopathy'],
      supports: [],
      otherSigns: [],
      codes: [
        loinc('2986-8', 'Testosterone [Mass/volume] in Serum or Plasma'),
        loinc('2243-4', 'Estradiol (E2) [Mass/volume] in Serum or Plasma'),
        loinc('10501-5', 'Lutropin [Units/volume] in Serum or Plasma'),
        loinc('15067-2', 'Follitropin [Units/volume] in Serum or Plasma'),
        loinc('2842-3', 'Prolactin [Mass/volume] in Serum or Plasma'),
        loinc('3016-3', 'Thyrotropin [Units/volume] in Serum or Plasma'),
        loinc('3024-7', 'Thyroxine (T4) free [Mass/volume] in Serum or Plasma'),
        loinc('2143-6', 'Cortisol [Mass/volume] in Serum or Plasma'),
        loinc('2141-0', 'Corticotropin [Mass/volume] in Plasma'),
        loinc('2731-8', 'Parathyrin.intact [Mass/volume] in Serum or Plasma'),
        loinc('17861-6', 'Calcium [Mass/volume] in Serum or Plasma'),
        loinc('2345-7', 'Glucose [Mass/volume] in Serum or Plasma'),
        loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood'),
      ],
      inference: ['endocrine_axes'],
      resultFields: ['axes'],
      note:
        'Record each axis. Hypogonadism is the most common endocrinopathy in POEMS (Gandhi, ' +
        'Mayo Clin Proc 2007;82:836). Diabetes or a thyroid abnormality alone does not meet the criterion.',
    },
    {
      key: 'physical_exam',
      priority: 11,
      name: 'Skin and volume examination',
      shortName: 'physical examination',
      kind: 'exam',
      required: true,
      establishes: ['skin_changes', 'extravascular_volume_overload'],
      supports: ['organomegaly'],
      otherSigns: ['clubbing', 'weight_loss', 'hyperhidrosis'],
      codes: [],
      inference: ['recorded_signs'],
      resultFields: ['signs'],
    },
    {
      key: 'fundoscopy',
      priority: 12,
      name: 'Fundoscopy / ophthalmology review',
      shortName: 'fundoscopy',
      kind: 'exam',
      required: true,
      establishes: ['papilledema'],
      supports: [],
      otherSigns: [],
      codes: [],
      inference: ['recorded_signs'],
      resultFields: ['signs'],
    },
    {
      key: 'lymph_node_biopsy',
      priority: 14,
      name: 'Excisional lymph node biopsy',
      shortName: 'lymph node biopsy',
      kind: 'procedure',
      required: false,
      activatedBySign: 'lymphadenopathy',
      establishes: ['castleman_disease'],
      supports: [],
      otherSigns: [],
      codes: [],
      inference: [],
      resultFields: [],
      note: 'Conditional: part of the workup once lymphadenopathy is found or a hematologist activates it.',
    },
    {
      key: 'echocardiogram',
      priority: 17,
      name: 'Echocardiogram',
      shortName: 'echocardiogram',
      kind: 'study',
      required: true,
      establishes: [],
      supports: ['extravascular_volume_overload'],
      otherSigns: ['pulmonary_hypertension'],
      codes: [],
      inference: ['recorded_signs'],
      resultFields: ['signs'],
      note: 'Supports volume overload by a pericardial effusion.',
    },
    {
      key: 'pft',
      priority: 18,
      name: 'Pulmonary function tests',
      shortName: 'pulmonary function tests',
      kind: 'study',
      required: true,
      establishes: [],
      supports: [],
      otherSigns: ['restrictive_lung_disease'],
      codes: [],
      inference: ['recorded_signs'],
      resultFields: ['signs'],
    },
  ],
  thresholds: {
    // Dispenzieri 2012, citing D'Souza et al., Blood 2011;118(17):4663-4665: plasma VEGF
    // >= 200 pg/mL, 95% specific and 68% sensitive. No serum cut-off is hard-coded: serum is
    // compared with the recording laboratory's upper limit (domain reference §3).
    vegfPlasmaPgPerMl: 200,
    // Domain reference §3 default; the laboratory's own upper limit wins when sent.
    plateletUln: 450,
    // Adult reference ranges, Mayo Clinic "Complete blood count (CBC)" (hemoglobin 13.2-16.6 g/dL
    // male, 11.6-15.0 female; hematocrit 38.3-48.6 % male, 35.5-44.9 % female). Used only when
    // the laboratory sends no upper limit; configurable per protocol version.
    hemoglobinUln: { male: 16.6, female: 15.0 },
    hematocritUln: { male: 48.6, female: 44.9 },
    // Katzmann JA et al., Clin Chem 2002;48(9):1437-1444: serum FLC κ/λ ratio 0.26-1.65.
    flcRatio: { low: 0.26, high: 1.65 },
  },
  conditionCodes: [
    {
      system: 'http://www.orpha.net',
      code: 'ORPHA:2905',
      display: 'POEMS syndrome',
    },
    {
      system: 'https://omim.org',
      code: '192240',
      display: 'Crow-Fukase syndrome (POEMS)',
    },
  ],
  sources: [
    {
      label:
        'Dispenzieri A. How I treat POEMS syndrome. Blood 2012;119:5650, Table 1',
      reference: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC3425020/',
    },
    {
      label:
        'Dispenzieri A. POEMS syndrome: 2019 update on diagnosis, risk-stratification, and management. Am J Hematol 2019',
      reference: 'https://doi.org/10.1002/ajh.25495',
    },
    {
      label:
        'Dispenzieri A. POEMS syndrome: 2021 update on diagnosis, risk-stratification, and management. Am J Hematol 2021',
      reference: 'https://doi.org/10.1002/ajh.26240',
    },
    {
      label:
        'Dispenzieri A. POEMS syndrome: 2023 update on diagnosis, risk-stratification, and management. Am J Hematol 2023',
      reference: 'https://doi.org/10.1002/ajh.27081',
    },
    {
      label:
        "D'Souza A et al. The utility of plasma vascular endothelial growth factor levels in the diagnosis and follow-up of patients with POEMS syndrome. Blood 2011;118:4663",
    },
    {
      label:
        'Gandhi GY et al. Endocrinopathy in POEMS syndrome: the Mayo Clinic experience. Mayo Clin Proc 2007;82:836',
    },
    {
      label:
        'Katzmann JA et al. Serum reference intervals and diagnostic ranges for free kappa and free lambda immunoglobulin light chains. Clin Chem 2002;48:1437',
    },
    {
      label: 'Mayo Clinic. Complete blood count (CBC): adult reference ranges',
    },
  ],
};
