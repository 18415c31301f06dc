/** Inspect's epoch reducers (mean, median, mode, max, pass_at_k, at_least_k) and openbench's pass_hat_k. */
export { atLeastReducer, modeReducer } from './count.reducer';
export { expandEpochReducers, getReducer } from './get-reducer';
export { maxReducer } from './max.reducer';
export { meanReducer, medianReducer, passAtReducer, passHatReducer } from './statistic.reducer';
