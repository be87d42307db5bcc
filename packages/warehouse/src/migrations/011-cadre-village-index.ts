// A village's page also names its cadre: the same kind of point lookup on the roster (83,763
// cadres when every village has one) as 010's on reports.
export const statements = ['CREATE INDEX cadres_village ON cadres (village_code)'];
