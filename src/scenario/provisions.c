/* The vocabulary of provisions a proposal can declare, and of the war-level facts of a
 * scenario's durability: block. Flags follow codes of the PA-X peace agreements database
 * (Bell & Badanjak 2019) so that durability models fitted on PA-X can read them (the exact
 * mapping is in docs/durability.md); numbers feed the commitment-problem analysis. Adding a
 * key here is all it takes for the reader to accept it. */
#include <string.h>

#include <pacta/pacta.h>

static const pacta_provision_spec_t specs[] = {
    {"ceasefire", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "the text provides a ceasefire (PA-X Ce)"},
    {"monitoring", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "peacekeepers or international monitors oversee it (PA-X ImPK, international "
     "mission or force)"},
    {"third_party_guarantee", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "an outside power explicitly guarantees the settlement or a party's security "
     "(closest PA-X code: SsrGua, security guarantees)"},
    {"demilitarised_zone", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "a demilitarised or buffer zone (PA-X DdrDemil, demilitarisation)"},
    {"withdrawal", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "withdrawal of forces from agreed areas (PA-X SsrFf, withdrawal of foreign forces)"},
    {"territorial", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "provisions on territory or its status (PA-X StBor, StInd, StUni, StRef: borders, "
     "independence, accession, status referendum)"},
    {"power_sharing", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "political, territorial or military power-sharing (PA-X Polps, Terps, Mps)"},
    {"joint_commission", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "a joint commission or procedure for resolving disputes about implementation"},
    {"imposed", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "pushed by a third party rather than reached by the belligerents (Werner & Yuen 2005's "
     "'unnatural' ceasefires)"},
};

/* War-level facts: not provisions of any one proposal. */
static const pacta_provision_spec_t fact_specs[] = {
    {"interstate", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "the war is fought between states (UCDP type_of_conflict 'interstate')"},
    {"major_war", PACTA_PROVISION_FLAG, 0, 1, NULL,
     "at least 1,000 battle-related deaths in some calendar year (UCDP intensity level 2)"},
    {"war_years", PACTA_PROVISION_NUMBER, 0, 200, "years",
     "how long the fighting has lasted, from the start of the current episode of war"},
};

const pacta_provision_spec_t *pacta_durability_fact_specs(size_t *n)
{
    *n = sizeof fact_specs / sizeof fact_specs[0];
    return fact_specs;
}

const pacta_provision_t *pacta_scenario_durability_fact(const pacta_scenario_t *scenario,
                                                        const char *key)
{
    for (size_t i = 0; i < scenario->n_durability; i++)
        if (strcmp(scenario->durability[i].key, key) == 0)
            return &scenario->durability[i];
    return NULL;
}

const pacta_provision_spec_t *pacta_provision_specs(size_t *n)
{
    *n = sizeof specs / sizeof specs[0];
    return specs;
}

const pacta_provision_t *pacta_proposal_provision(const pacta_proposal_t *proposal,
                                                  const char *key)
{
    for (size_t i = 0; i < proposal->n_provisions; i++)
        if (strcmp(proposal->provisions[i].key, key) == 0)
            return &proposal->provisions[i];
    return NULL;
}
