import { Mentioned, pickWholeMentions } from './mentions.repository';

const anne: Mentioned = { userId: 'anne', displayName: 'Anne' };
const anneMarie: Mentioned = { userId: 'anne-marie', displayName: 'Anne Marie' };
const zoe: Mentioned = { userId: 'zoe', displayName: 'Zoé Martin' };
// candidates arrive longest name first, as the repository's query orders them
const candidates = [anneMarie, zoe, anne];

describe('pickWholeMentions', () => {
  it('gives each @ to the longest name that matches there', () => {
    expect(pickWholeMentions('Merci @Anne Marie !', candidates)).toEqual([anneMarie]);
    expect(pickWholeMentions('@anne et @Anne Marie', candidates)).toEqual([anneMarie, anne]);
  });

  it('matches whole names only, whatever the case and accents', () => {
    expect(pickWholeMentions('@Annette, @Zoé Martine', candidates)).toEqual([]);
    expect(pickWholeMentions('bravo @zoé martin.', candidates)).toEqual([zoe]);
  });

  it('needs an @: a bare name mentions no one', () => {
    expect(pickWholeMentions('Anne Marie et Zoé Martin', candidates)).toEqual([]);
  });
});
