/* One entry point per kind of result that writes it in a format of the registry
 * (include/pacta/format.h), so front ends pass the user's --format through instead of
 * knowing which function writes what. Text is the front end's: PACTA_EINVAL here. */
#include <pacta/pacta.h>

pacta_status pacta_forecast_write(const pacta_forecast_t *forecast,
                                  const pacta_scenario_t *scenario, pacta_format format,
                                  FILE *stream)
{
    switch (format) {
    case PACTA_FORMAT_JSON:
        return pacta_forecast_write_json(forecast, scenario, stream);
    case PACTA_FORMAT_CSV:
        return pacta_forecast_write_csv(forecast, scenario, stream);
    case PACTA_FORMAT_KTAB_CSV:
        return pacta_forecast_write_ktab_csv(forecast, scenario, stream);
    default:
        return PACTA_EINVAL;
    }
}

pacta_status pacta_evaluation_write(const pacta_evaluation_t *evaluation,
                                    const pacta_sensitivity_t *sensitivity,
                                    const pacta_scenario_t *scenario, pacta_format format,
                                    FILE *stream)
{
    switch (format) {
    case PACTA_FORMAT_JSON:
        return pacta_evaluation_write_json(evaluation, sensitivity, scenario, stream);
    case PACTA_FORMAT_CSV:
        return pacta_evaluation_write_csv(evaluation, scenario, stream);
    default:
        return PACTA_EINVAL;
    }
}

pacta_status pacta_simulation_write(const pacta_simulation_t *simulation,
                                    const pacta_scenario_t *scenario, pacta_format format,
                                    FILE *stream)
{
    switch (format) {
    case PACTA_FORMAT_JSON:
        return pacta_simulation_write_json(simulation, scenario, stream);
    case PACTA_FORMAT_CSV:
        return pacta_simulation_write_csv(simulation, scenario, stream);
    default:
        return PACTA_EINVAL;
    }
}

pacta_status pacta_backtest_write(const pacta_backtest_result_t *result, pacta_format format,
                                  FILE *stream)
{
    switch (format) {
    case PACTA_FORMAT_JSON:
        return pacta_backtest_write_json(result, true, stream);
    case PACTA_FORMAT_CSV:
        return pacta_backtest_write_csv(result, stream);
    default:
        return PACTA_EINVAL;
    }
}

pacta_status pacta_alliance_write(const pacta_alliance_result_t *result,
                                  const pacta_alliance_data_t *data, pacta_format format,
                                  FILE *stream)
{
    switch (format) {
    case PACTA_FORMAT_JSON:
        return pacta_alliance_write_json(stream, result, data);
    case PACTA_FORMAT_CSV:
        return pacta_alliance_write_csv(stream, result);
    default:
        return PACTA_EINVAL; /* pictures go to a file: pacta_alliance_plot() */
    }
}

pacta_status pacta_durability_write(const pacta_durability_report_t *report,
                                    const pacta_scenario_t *scenario, pacta_format format,
                                    FILE *stream)
{
    return format == PACTA_FORMAT_JSON ? pacta_durability_write_json(report, scenario, stream)
                                       : PACTA_EINVAL;
}
